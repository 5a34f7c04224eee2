package io.waybill.odoo.inbound;

import io.waybill.events.odoo.CustomerSynced;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.odoo.ProductSynced;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.model.Address;
import io.waybill.model.Quantity;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.order.OrderLine;
import io.waybill.odoo.client.OdooRecord;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Odoo records to Waybill's canonical shapes. Pure functions: everything needed was read before. */
public final class OdooMapping {

    private static final Logger LOG = Logger.getLogger(OdooMapping.class);

    private OdooMapping() {
    }

    public static SalesOrderConfirmed confirmedOrder(OdooSalesOrder order, String customerId) {
        if (order.shipTo() == null || order.customer() == null) {
            throw new UnusableOdooRecordException(order.name() + ": its customer or delivery address is not readable");
        }
        Address shipTo = address(order.shipTo(), order.countries())
                .orElseThrow(() -> new UnusableOdooRecordException(order.name()
                        + ": the delivery address needs a street, a city and a country"));
        List<OrderLine> lines = new ArrayList<>();
        for (OdooRecord line : order.lines()) {
            if (line.has("display_type") || line.bool("is_delivery")) {
                continue; // section and note lines, and the delivery fee: nothing to pick
            }
            long productId = line.many2oneId("product_id").orElseThrow(() -> new UnusableOdooRecordException(
                    order.name() + ": line " + line.id() + " has no product"));
            String sku = order.skus().get(productId);
            if (sku == null) {
                throw new UnusableOdooRecordException(order.name() + ": product " + productId
                        + " has no internal reference (default_code), which Waybill uses as SKU");
            }
            BigDecimal quantity = line.decimal("product_uom_qty").orElse(BigDecimal.ZERO);
            if (quantity.signum() <= 0) {
                continue;
            }
            try {
                lines.add(new OrderLine(String.valueOf(line.id()), sku, new Quantity(quantity, UnitOfMeasure.EACH)));
            } catch (IllegalArgumentException notWhole) {
                throw new UnusableOdooRecordException(order.name() + ": " + notWhole.getMessage());
            }
        }
        if (lines.isEmpty()) {
            throw new UnusableOdooRecordException(order.name() + ": no line with goods to deliver");
        }
        OdooRecord header = order.order();
        return new SalesOrderConfirmed(OdooEvents.SOURCE_SYSTEM, order.name(), order.id(),
                header.textOrNull("client_order_ref"), customerId, order.customer().id(),
                order.customer().textOrNull("name"), shipTo, lines, header.many2oneName("carrier_id").orElse(null),
                header.dateTime("commitment_date").orElse(null),
                header.dateTime("date_order").orElseGet(() -> header.dateTime("write_date").orElseThrow()),
                splitAllowed(header));
    }

    /**
     * Odoo's Shipping Policy ({@code sale.order.picking_policy}) as Waybill's {@code allowSplit}: "As soon as
     * possible" ({@code direct}) delivers each product when it is available, so the order may ship in parts;
     * "When all products are ready" ({@code one}) delivers everything at once, so it may not. Odoo requires the
     * field; anything else (absent, or a value a customization added) ships whole, the safe reading.
     */
    static boolean splitAllowed(OdooRecord order) {
        String policy = order.textOrNull("picking_policy");
        if ("direct".equals(policy)) {
            return true;
        }
        if (policy != null && !"one".equals(policy)) {
            LOG.warnf("Odoo order %s has the shipping policy '%s', which Waybill does not know: shipped whole",
                    order.textOrNull("name"), policy);
        }
        return false;
    }

    public static CustomerSynced customer(OdooRecord partner, String customerId, Map<Long, String> countries,
                                          Instant syncedAt) {
        return new CustomerSynced(customerId, partner.id(), partner.text("name").orElse("(no name)"),
                partner.textOrNull("email"), partner.textOrNull("phone"), partner.bool("is_company"),
                address(partner, countries).orElse(null), syncedAt);
    }

    public static ProductSynced product(OdooRecord product, Instant syncedAt) {
        BigDecimal weight = product.decimal("weight").filter(w -> w.signum() > 0).orElse(null);
        return new ProductSynced(product.textOrNull("default_code"), product.id(),
                product.text("name").orElse(product.textOrNull("default_code")), product.textOrNull("barcode"),
                weight, !product.fields().has("active") || product.bool("active"), syncedAt);
    }

    /**
     * Waybill's id for an Odoo customer seen for the first time: its Odoo reference (the customer number users
     * type and see) if it has one, else one derived from the partner id. Stored in the binding; never recomputed.
     */
    public static String newCustomerId(OdooRecord partner) {
        return partner.text("ref").map(String::strip).filter(ref -> !ref.isEmpty())
                .orElse("ODOO-" + partner.id());
    }

    static java.util.Optional<Address> address(OdooRecord partner, Map<Long, String> countries) {
        String street = partner.textOrNull("street");
        String city = partner.textOrNull("city");
        String country = partner.many2oneId("country_id").map(countries::get).orElse(null);
        if (street == null || city == null || country == null) {
            return java.util.Optional.empty();
        }
        String name = partner.textOrNull("name");
        return java.util.Optional.of(new Address(name, partner.bool("is_company") ? name : null, street,
                partner.textOrNull("street2"), city, null, partner.textOrNull("zip"), country,
                partner.textOrNull("phone"), partner.textOrNull("email")));
    }
}
