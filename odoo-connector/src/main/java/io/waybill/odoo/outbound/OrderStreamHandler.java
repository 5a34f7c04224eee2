package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.order.OrderAccepted;
import io.waybill.events.order.OrderEvents;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Learns order-service's id for each order that came from Odoo ({@code order.accepted} with source system
 * {@code odoo}), so later shipment and billing events, which name that id, find the Odoo order; and which orders
 * came from elsewhere, so those events are not mistaken for early ones.
 */
@ApplicationScoped
public class OrderStreamHandler implements EventHandler {

    private final Bindings bindings;
    private final OdooLookups lookups;
    private final EventsAwaitingOrder awaiting;
    private final ShipmentStreamHandler shipments;

    public OrderStreamHandler(Bindings bindings, OdooLookups lookups, EventsAwaitingOrder awaiting,
                              ShipmentStreamHandler shipments) {
        this.bindings = bindings;
        this.lookups = lookups;
        this.awaiting = awaiting;
        this.shipments = shipments;
    }

    @Override
    public String name() {
        return "odoo-connector.orders";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OrderEvents.ACCEPTED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
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
                    .chain(() -> handleAwaiting(accepted.orderId()));
        });
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
