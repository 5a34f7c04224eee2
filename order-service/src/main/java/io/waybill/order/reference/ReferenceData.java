package io.waybill.order.reference;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The customers and products order intake validates against. Written by operators and demo data over REST and by
 * odoo-connector's sync events; callers provide the transaction.
 */
@ApplicationScoped
public class ReferenceData {

    /** The source of a product first seen in an Odoo sync. */
    public static final String ODOO = "odoo";
    /** Odoo rarely knows packed dimensions: a placeholder carriers accept, until an operator sets the real ones. */
    static final BigDecimal UNKNOWN_DIMENSION_CM = new BigDecimal("30");

    private final Clock clock;

    public ReferenceData(Clock clock) {
        this.clock = clock;
    }

    public Uni<Customer> upsertCustomer(String customerId, CustomerRecord record, String source) {
        return Customer.<Customer>findById(customerId).chain(found -> {
            Customer customer = found != null ? found : new Customer();
            customer.customerId = customerId;
            customer.name = record.name();
            customer.active = record.isActive();
            customer.source = source;
            customer.updatedAt = clock.instant();
            return found != null ? Uni.createFrom().item(customer) : customer.persist();
        });
    }

    /**
     * Waybill's own product data (operators, demo data): everything Waybill decides, including whether the SKU is
     * sold. Fields Odoo owns (barcode, and whether it is archived in Odoo) are left as the last sync set them.
     */
    public Uni<Product> upsertProduct(String sku, ProductRecord record, String source) {
        return Product.<Product>findById(sku).chain(found -> {
            Product product = found != null ? found : new Product();
            product.sku = sku;
            product.name = record.name();
            product.productClass = record.productClassOrDefault();
            product.weightKg = record.weightKg();
            product.lengthCm = record.lengthCm();
            product.widthCm = record.widthCm();
            product.heightCm = record.heightCm();
            product.active = record.isActive();
            product.source = source;
            product.updatedAt = clock.instant();
            return found != null ? Uni.createFrom().item(product) : product.persist();
        });
    }

    /**
     * A product as Odoo last reported it, merged so that Odoo changes only what it owns: the name and barcode, and
     * the weight only of a product that came from Odoo (Waybill's packed weight wins over Odoo's catalogue weight).
     * Class, dimensions and Waybill's own active flag are kept for a product Waybill created. Archiving in Odoo is
     * recorded apart ({@link Product#archivedInOdoo}): Odoo can no longer sell it, so new Odoo orders for it are held,
     * while channels may still sell what Waybill considers active. A product first seen from Odoo is Odoo's
     * entirely: its active flag follows Odoo, with unknown dimensions and the general class until an operator
     * sets them.
     */
    public Uni<Product> syncFromOdoo(String sku, String name, String barcode, BigDecimal odooWeightKg, boolean activeInOdoo) {
        return Product.<Product>findById(sku).chain(found -> {
            boolean odoosOwn = found == null || ODOO.equals(found.source);
            Product product = found != null ? found : new Product();
            product.sku = sku;
            product.name = name;
            product.barcode = barcode;
            product.archivedInOdoo = !activeInOdoo;
            if (odoosOwn) {
                product.weightKg = odooWeightKg != null && odooWeightKg.signum() > 0 ? odooWeightKg
                        : found != null ? found.weightKg : BigDecimal.ONE;
                product.active = activeInOdoo;
            }
            if (found == null) {
                product.productClass = ProductRecord.GENERAL;
                product.lengthCm = UNKNOWN_DIMENSION_CM;
                product.widthCm = UNKNOWN_DIMENSION_CM;
                product.heightCm = UNKNOWN_DIMENSION_CM;
                product.source = ODOO;
            }
            product.updatedAt = clock.instant();
            return found != null ? Uni.createFrom().item(product) : product.persist();
        });
    }

    public Uni<Customer> customer(String customerId) {
        return Customer.findById(customerId);
    }

    public Uni<List<Product>> products(Collection<String> skus) {
        return skus.isEmpty() ? Uni.createFrom().item(List.of()) : Product.list("sku in ?1", skus);
    }
}
