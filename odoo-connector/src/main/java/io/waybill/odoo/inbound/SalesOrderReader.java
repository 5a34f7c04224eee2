package io.waybill.odoo.inbound;

import io.smallrye.mutiny.Uni;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a sales order and what hangs off it back from Odoo. Only fields that Odoo 16 to 19 all have are read,
 * so the same reader serves both API flavours.
 */
@ApplicationScoped
public class SalesOrderReader {

    /**
     * {@code picking_policy} (Shipping Policy) comes with sale_stock, which {@code carrier_id}'s module (delivery)
     * depends on: an Odoo whose orders have a carrier has it too.
     */
    public static final List<String> ORDER_FIELDS = List.of("name", "state", "partner_id", "partner_shipping_id",
            "client_order_ref", "carrier_id", "commitment_date", "date_order", "order_line", "write_date",
            "picking_policy");
    static final List<String> LINE_FIELDS = List.of("product_id", "product_uom_qty", "display_type", "is_delivery", "name");
    public static final List<String> PARTNER_FIELDS = List.of("name", "street", "street2", "city", "zip", "country_id",
            "phone", "email", "ref", "is_company", "commercial_partner_id", "write_date");

    private final OdooClient odoo;

    public SalesOrderReader(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** The order with id {@code odooId}, or empty if Odoo does not show it (not committed yet, or deleted). */
    public Uni<Optional<OdooSalesOrder>> read(long odooId) {
        return odoo.read("sale.order", List.of(odooId), ORDER_FIELDS)
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(Optional.<OdooSalesOrder>empty())
                        : complete(found.get(0)).map(Optional::of));
    }

    /** Completes an order record already read with {@link #ORDER_FIELDS} (e.g. by the poll). */
    public Uni<OdooSalesOrder> complete(OdooRecord order) {
        if (!"sale".equals(order.textOrNull("state"))) {
            // Only a confirmed order becomes a canonical order; for others the header is all that matters.
            return Uni.createFrom().item(new OdooSalesOrder(order, List.of(), Map.of(), null, null, Map.of()));
        }
        return odoo.read("sale.order.line", order.ids("order_line"), LINE_FIELDS).chain(lines -> {
            Set<Long> productIds = lines.stream().map(l -> l.many2oneId("product_id")).flatMap(Optional::stream)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            long shipToId = order.many2oneId("partner_shipping_id").or(() -> order.many2oneId("partner_id")).orElseThrow();
            return odoo.read("product.product", productIds, List.of("default_code"))
                    .chain(products -> odoo.read("res.partner", List.of(shipToId), PARTNER_FIELDS)
                            .chain(shipTo -> customerOf(order, shipTo.isEmpty() ? null : shipTo.get(0))
                                    .chain(customer -> countries(shipTo.isEmpty() ? null : shipTo.get(0), customer)
                                            .map(countries -> new OdooSalesOrder(order, lines, skus(products),
                                                    shipTo.isEmpty() ? null : shipTo.get(0), customer, countries)))));
        });
    }

    /** The commercial partner (the company) behind the ordering contact. */
    private Uni<OdooRecord> customerOf(OdooRecord order, OdooRecord shipTo) {
        long partnerId = order.many2oneId("partner_id").orElseThrow();
        return odoo.read("res.partner", List.of(partnerId), PARTNER_FIELDS).chain(partners -> {
            if (partners.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            OdooRecord partner = partners.get(0);
            Optional<Long> commercial = partner.many2oneId("commercial_partner_id");
            if (commercial.isEmpty() || commercial.get() == partner.id()) {
                return Uni.createFrom().item(partner);
            }
            return odoo.read("res.partner", List.of(commercial.get()), PARTNER_FIELDS)
                    .map(c -> c.isEmpty() ? partner : c.get(0));
        });
    }

    private Uni<Map<Long, String>> countries(OdooRecord shipTo, OdooRecord customer) {
        Set<Long> ids = new LinkedHashSet<>();
        for (OdooRecord partner : new OdooRecord[]{shipTo, customer}) {
            if (partner != null) {
                partner.many2oneId("country_id").ifPresent(ids::add);
            }
        }
        return odoo.read("res.country", ids, List.of("code")).map(countries -> {
            Map<Long, String> codes = new HashMap<>();
            countries.forEach(c -> c.text("code").ifPresent(code -> codes.put(c.id(), code)));
            return codes;
        });
    }

    private static Map<Long, String> skus(List<OdooRecord> products) {
        return products.stream().filter(p -> p.text("default_code").isPresent())
                .collect(Collectors.toMap(OdooRecord::id, p -> p.textOrNull("default_code"), (a, b) -> a));
    }
}
