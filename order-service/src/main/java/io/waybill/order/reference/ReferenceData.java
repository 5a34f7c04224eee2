package io.waybill.order.reference;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The customers and products order intake validates against. Written by operators and demo data over REST and by
 * odoo-connector's sync events; callers provide the transaction.
 */
@ApplicationScoped
public class ReferenceData {

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

    public Uni<Customer> customer(String customerId) {
        return Customer.findById(customerId);
    }

    public Uni<List<Product>> products(Collection<String> skus) {
        return skus.isEmpty() ? Uni.createFrom().item(List.of()) : Product.list("sku in ?1", skus);
    }
}
