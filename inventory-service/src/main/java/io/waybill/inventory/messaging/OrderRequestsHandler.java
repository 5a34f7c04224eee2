package io.waybill.inventory.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReleaseRequested;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.reservation.Reservations;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The saga's requests to inventory, from order-service's stream: reserve an order's stock, or give it back
 * (compensation, cancellation; a cancelled part of a split order gives back only its warehouses' stock). The
 * replies go out on waybill.inventory through the outbox, in the transaction that also marks the request as
 * processed in the inbox.
 */
@ApplicationScoped
public class OrderRequestsHandler implements EventHandler {

    private final InboundEvents inboundEvents;
    private final Reservations reservations;

    public OrderRequestsHandler(InboundEvents inboundEvents, Reservations reservations) {
        this.inboundEvents = inboundEvents;
        this.reservations = reservations;
    }

    @Incoming("order-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inboundEvents.process(message, this);
    }

    @Override
    public String name() {
        return "inventory-service.orders";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OrderEvents.STOCK_RESERVATION_REQUESTED) || event.is(OrderEvents.STOCK_RELEASE_REQUESTED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        EventContext context = EventContext.causedBy(event);
        if (event.is(OrderEvents.STOCK_RESERVATION_REQUESTED)) {
            return reservations.reserve(event.dataAs(OrderEvents.STOCK_RESERVATION_REQUESTED), context);
        }
        StockReleaseRequested release = event.dataAs(OrderEvents.STOCK_RELEASE_REQUESTED);
        return reservations.release(release.orderId(), release.reason(), release.warehouseIds(), context);
    }
}
