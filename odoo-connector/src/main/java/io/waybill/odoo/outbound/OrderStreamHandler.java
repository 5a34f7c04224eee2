package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.order.OrderAccepted;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.OrderReleasedToWarehouse;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Learns order-service's id for each order that came from Odoo ({@code order.accepted} with source system
 * {@code odoo}), so later shipment and billing events, which name that id, find the Odoo order; and which orders
 * came from elsewhere, so those events are not mistaken for early ones. For an Odoo order it also keeps the order's
 * lines, and from {@code order.released-to-warehouse} what each shipment ships ({@link ShipmentParts}): an order
 * split across warehouses is delivered part by part, and each part validates only its own lines in Odoo.
 */
@ApplicationScoped
public class OrderStreamHandler implements EventHandler {

    private final Bindings bindings;
    private final OdooLookups lookups;
    private final EventsAwaitingOrder awaiting;
    private final ShipmentStreamHandler shipments;
    private final ShipmentParts parts;

    public OrderStreamHandler(Bindings bindings, OdooLookups lookups, EventsAwaitingOrder awaiting,
                              ShipmentStreamHandler shipments, ShipmentParts parts) {
        this.bindings = bindings;
        this.lookups = lookups;
        this.awaiting = awaiting;
        this.shipments = shipments;
        this.parts = parts;
    }

    @Override
    public String name() {
        return "odoo-connector.orders";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OrderEvents.ACCEPTED) || event.is(OrderEvents.RELEASED_TO_WAREHOUSE);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        if (event.is(OrderEvents.RELEASED_TO_WAREHOUSE)) {
            return released(event.dataAs(OrderEvents.RELEASED_TO_WAREHOUSE));
        }
        OrderAccepted accepted = event.dataAs(OrderEvents.ACCEPTED);
        if (!OdooEvents.SOURCE_SYSTEM.equals(accepted.sourceSystem())) {
            // Not an Odoo order: nothing to write back, which later shipment events need to know.
            return lookups.rememberOrderFromElsewhere(accepted.orderId(), accepted.sourceSystem())
                    .chain(() -> handleAwaiting(accepted.orderId()));
        }
        return bindings.find(BindingKind.SALES_ORDER, accepted.sourceReference()).chain(salesOrder -> {
            if (salesOrder.isEmpty()) {
                // We published every Odoo order we know: this one must arrive soon (retried, then dead-lettered).
                return Uni.createFrom().failure(new IllegalStateException("Odoo order " + accepted.sourceReference()
                        + " accepted by order-service is not (yet) bound here"));
            }
            return bindings.bind(BindingKind.ORDER, accepted.orderId(), salesOrder.get().odooId, null, null)
                    .chain(() -> parts.rememberOrderLines(accepted.orderId(), accepted.lines()))
                    .chain(() -> handleAwaiting(accepted.orderId()));
        });
    }

    /**
     * What one release to a warehouse ships. Kept for Odoo orders (and for an order not accepted here yet, which
     * the order stream's own order makes unlikely); nothing is written to Odoo now: the shipment's delivery reads it.
     */
    private Uni<Void> released(OrderReleasedToWarehouse released) {
        return lookups.originOf(released.orderId()).chain(origin -> origin.accepted() && origin.odooOrderId().isEmpty()
                ? Uni.createFrom().voidItem() // an order from elsewhere: nothing goes to Odoo
                : parts.rememberRelease(released.shipmentId(), released.orderId(), released.warehouseId(),
                released.trackingNumber(), released.lines()));
    }

    /** Shipment events that overtook this acceptance are handled now, in the same transaction. */
    private Uni<Void> handleAwaiting(String orderId) {
        return awaiting.release(orderId).chain(events -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var event : events) {
                chain = chain.chain(() -> shipments.handle(event));
            }
            return chain;
        });
    }
}
