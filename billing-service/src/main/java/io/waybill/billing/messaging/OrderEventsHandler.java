package io.waybill.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.billing.invoicing.Invoicing;
import io.waybill.billing.rating.BillableShipment;
import io.waybill.billing.rating.ShipmentRating;
import io.waybill.events.EventEnvelope;
import io.waybill.events.order.OrderEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * order-service's booking requests: the service level, destination and parcels a customer's freight is rated by.
 * If the booking was already reported, the shipment is rated now (and invoiced, if it was even delivered already).
 */
@ApplicationScoped
public class OrderEventsHandler implements EventHandler {

    private final InboundEvents inbound;
    private final ShipmentRating rating;
    private final Invoicing invoicing;

    public OrderEventsHandler(InboundEvents inbound, ShipmentRating rating, Invoicing invoicing) {
        this.inbound = inbound;
        this.rating = rating;
        this.invoicing = invoicing;
    }

    @Incoming("order-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "billing-service.orders";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OrderEvents.SHIPMENT_BOOKING_REQUESTED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        EventContext context = EventContext.causedBy(event);
        return rating.recordBookingRequest(event.dataAs(OrderEvents.SHIPMENT_BOOKING_REQUESTED))
                .chain(rated -> {
                    Uni<Void> invoiced = Uni.createFrom().voidItem();
                    for (BillableShipment shipment : rated) {
                        invoiced = invoiced.chain(() -> invoicing.invoiceIfDue(shipment, context));
                    }
                    return invoiced;
                });
    }
}
