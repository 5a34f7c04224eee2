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
 * {@code odoo}), so later shipment and billing events, which name that id, find the Odoo order.
 */
@ApplicationScoped
public class OrderStreamHandler implements EventHandler {

    private final Bindings bindings;

    public OrderStreamHandler(Bindings bindings) {
        this.bindings = bindings;
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
            return Uni.createFrom().voidItem(); // not an Odoo order: nothing to write back
        }
        return bindings.find(BindingKind.SALES_ORDER, accepted.sourceReference()).chain(salesOrder -> {
            if (salesOrder.isEmpty()) {
                // We published every Odoo order we know: this one must arrive soon (retried, then dead-lettered).
                return Uni.createFrom().failure(new IllegalStateException("Odoo order " + accepted.sourceReference()
                        + " accepted by order-service is not (yet) bound here"));
            }
            return bindings.bind(BindingKind.ORDER, accepted.orderId(), salesOrder.get().odooId, null, null).replaceWithVoid();
        });
    }
}
