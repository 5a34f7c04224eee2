package io.waybill.odoo.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.odoo.binding.Binding;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Finds the Odoo records a write applies to: bindings first (no Odoo call), Odoo itself otherwise, and binds
 * what it found so the next write for the same thing costs no lookup.
 */
@ApplicationScoped
public class OdooLookups {

    private final OdooClient odoo;
    private final Bindings bindings;
    private final ShipmentParts parts;

    public OdooLookups(OdooClient odoo, Bindings bindings, ShipmentParts parts) {
        this.odoo = odoo;
        this.bindings = bindings;
        this.parts = parts;
    }

    /** The outgoing delivery (stock.picking) of an Odoo order that ships this shipment. */
    public Uni<Long> deliveryOf(String shipmentId, long odooOrderId) {
        return Panache.withSession(() -> bindings.find(BindingKind.DELIVERY, shipmentId)).chain(bound -> {
            if (bound.isPresent()) {
                return Uni.createFrom().item(bound.get().odooId);
            }
            List<Object> open = List.of(List.of("sale_id", "=", odooOrderId), List.of("picking_type_code", "=", "outgoing"),
                    List.of("state", "not in", List.of("done", "cancel")));
            List<Object> any = List.of(List.of("sale_id", "=", odooOrderId), List.of("picking_type_code", "=", "outgoing"));
            return odoo.searchRead("stock.picking", open, List.of("name", "state"), 1, "id asc")
                    .chain(found -> found.isEmpty()
                            ? odoo.searchRead("stock.picking", any, List.of("name", "state"), 1, "id desc")
                            : Uni.createFrom().item(found))
                    .chain(found -> {
                        if (found.isEmpty()) {
                            return Uni.createFrom().failure(new IllegalStateException(
                                    "Odoo order " + odooOrderId + " has no outgoing delivery"));
                        }
                        long pickingId = found.get(0).id();
                        // Another shipment of the same order may hold the binding already: the picking is the same.
                        return Panache.withTransaction(() -> bindings.bind(BindingKind.DELIVERY, shipmentId, pickingId, null, null))
                                .replaceWith(pickingId);
                    });
        });
    }

    /**
     * The delivery a customer's return goes back against: the one bound to the shipment (the delivery its tracking
     * ref and validation were written on), else the order's latest done outgoing delivery. A part of an order split
     * across warehouses goes back against the delivery (or backorder) its own lines were validated on.
     */
    public Uni<Long> returnedDeliveryOf(String shipmentId, long odooOrderId) {
        return parts.validatedPicking(shipmentId).chain(validated -> validated.isPresent()
                ? Uni.createFrom().item(validated.get())
                : boundOrLatestDoneDelivery(shipmentId, odooOrderId));
    }

    private Uni<Long> boundOrLatestDoneDelivery(String shipmentId, long odooOrderId) {
        return Panache.withSession(() -> bindings.find(BindingKind.DELIVERY, shipmentId)).chain(bound -> {
            if (bound.isPresent()) {
                return Uni.createFrom().item(bound.get().odooId);
            }
            List<Object> done = List.of(List.of("sale_id", "=", odooOrderId), List.of("picking_type_code", "=", "outgoing"),
                    List.of("state", "=", "done"));
            return odoo.search("stock.picking", done, 1, "id desc").chain(found -> {
                if (found.isEmpty()) {
                    return Uni.createFrom().failure(new IllegalStateException(
                            "Odoo order " + odooOrderId + " has no done outgoing delivery to take a return against"));
                }
                long pickingId = found.get(0);
                return Panache.withTransaction(() -> bindings.bind(BindingKind.DELIVERY, shipmentId, pickingId, null, null))
                        .replaceWith(pickingId);
            });
        });
    }

    /** Where an order came from, as far as this connector has been told by {@code order.accepted}. */
    public record OrderOrigin(boolean accepted, Optional<Long> odooOrderId) {
        static final OrderOrigin NOT_YET_ACCEPTED = new OrderOrigin(false, Optional.empty());
        static final OrderOrigin ELSEWHERE = new OrderOrigin(true, Optional.empty());
    }

    /** Odoo order (bound), order from elsewhere, or not accepted here yet (runs in the caller's session). */
    public Uni<OrderOrigin> originOf(String orderId) {
        return odooOrderOf(orderId).chain(odooOrder -> odooOrder.isPresent()
                ? Uni.createFrom().item(new OrderOrigin(true, odooOrder))
                : Panache.getSession().chain(session -> session.createNativeQuery(
                                "SELECT count(*) FROM order_from_elsewhere WHERE order_id = :orderId", Long.class)
                        .setParameter("orderId", orderId).getSingleResult())
                .map(known -> known > 0 ? OrderOrigin.ELSEWHERE : OrderOrigin.NOT_YET_ACCEPTED));
    }

    /** Remembers that order-service accepted this order from a source other than Odoo (runs in the caller's session). */
    public Uni<Void> rememberOrderFromElsewhere(String orderId, String sourceSystem) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO order_from_elsewhere (order_id, source_system) VALUES (:orderId, :source)
                        ON CONFLICT (order_id) DO NOTHING""")
                .setParameter("orderId", orderId).setParameter("source", sourceSystem == null ? "unknown" : sourceSystem)
                .executeUpdate()).replaceWithVoid();
    }

    /** The Odoo order id of an order-service order that came from Odoo. */
    public Uni<Optional<Long>> odooOrderOf(String orderId) {
        return bindings.find(BindingKind.ORDER, orderId).map(b -> b.map(binding -> binding.odooId));
    }

    /** The Odoo partner of a Waybill customer (runs in the caller's session). */
    public Uni<Optional<Long>> partnerOf(String customerId) {
        return bindings.find(BindingKind.CUSTOMER, customerId).map(b -> b.map(binding -> binding.odooId));
    }

    /** The product.product with this SKU as internal reference. */
    public Uni<Long> productOf(String sku) {
        return Panache.withSession(() -> bindings.find(BindingKind.PRODUCT, sku)).chain(bound -> bound.isPresent()
                ? Uni.createFrom().item(bound.get().odooId)
                : odoo.search("product.product", List.of(List.of("default_code", "=", sku)), 1, "id asc").chain(ids -> ids.isEmpty()
                ? Uni.createFrom().failure(new IllegalStateException("No product with internal reference " + sku + " in Odoo"))
                : Panache.withTransaction(() -> bindings.bind(BindingKind.PRODUCT, sku, ids.get(0), null, null))
                .replaceWith(ids.get(0))));
    }

    public Uni<Optional<Binding>> binding(BindingKind kind, String canonicalId) {
        return Panache.withSession(() -> bindings.find(kind, canonicalId));
    }
}
