package io.waybill.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.billing.audit.Disputes;
import io.waybill.billing.invoicing.Invoicing;
import io.waybill.billing.rating.ShipmentRating;
import io.waybill.events.EventEnvelope;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * shipment-service's events: a booking brings the carrier's quote and lets the customer's charge be computed (and
 * carrier bill lines that came before the booking or waited for the quote be audited); a
 * proof of delivery makes the shipment billable; a cancellation takes it out of billing. After each, the shipment
 * (or its order) is invoiced if it has become due, whatever order the events came in. An authorized return brings a
 * return shipment whose label the carrier will bill: known to the freight audit, never invoiced to the customer.
 */
@ApplicationScoped
public class ShipmentEventsHandler implements EventHandler {

    private final InboundEvents inbound;
    private final ShipmentRating rating;
    private final Invoicing invoicing;
    private final Disputes disputes;

    public ShipmentEventsHandler(InboundEvents inbound, ShipmentRating rating, Invoicing invoicing, Disputes disputes) {
        this.inbound = inbound;
        this.rating = rating;
        this.invoicing = invoicing;
        this.disputes = disputes;
    }

    @Incoming("shipment-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "billing-service.shipments";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(ShipmentEvents.SHIPMENT_BOOKED) || event.is(ShipmentEvents.SHIPMENT_DELIVERED)
                || event.is(ShipmentEvents.SHIPMENT_CANCELLED) || event.is(ShipmentEvents.RETURN_AUTHORIZED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        EventContext context = EventContext.causedBy(event);
        if (event.is(ShipmentEvents.SHIPMENT_BOOKED)) {
            // Carrier bill lines that came before the booking (unknown tracking number) or before the quote are
            // audited now that it is here, in this transaction.
            return rating.recordBooking(event.dataAs(ShipmentEvents.SHIPMENT_BOOKED))
                    .call(shipment -> disputes.auditLearntShipment(shipment, "booking", context))
                    .call(shipment -> disputes.auditAwaitingQuote(shipment, context))
                    .chain(shipment -> invoicing.invoiceIfDue(shipment, context));
        }
        if (event.is(ShipmentEvents.RETURN_AUTHORIZED)) {
            // Carrier bill lines for the return label that came before its cost are audited now. A delivery of the
            // return reported before the authorization held up a per-order invoice as an unknown shipment: no more.
            // The same for lines billed for the return label before its authorization reached billing.
            return rating.recordReturn(event.dataAs(ShipmentEvents.RETURN_AUTHORIZED))
                    .call(shipment -> disputes.auditLearntShipment(shipment, "return authorization", context))
                    .call(shipment -> disputes.auditAwaitingQuote(shipment, context))
                    .chain(shipment -> invoicing.invoiceIfDueForOrder(shipment.orderId, context));
        }
        if (event.is(ShipmentEvents.SHIPMENT_DELIVERED)) {
            return rating.recordDelivery(event.dataAs(ShipmentEvents.SHIPMENT_DELIVERED))
                    .chain(shipment -> invoicing.invoiceIfDue(shipment, context));
        }
        // A cancelled shipment may have been the last undelivered one of a per-order invoice: look at its siblings.
        return rating.recordCancellation(event.dataAs(ShipmentEvents.SHIPMENT_CANCELLED))
                .chain(shipment -> shipment == null ? Uni.createFrom().voidItem()
                        : invoicing.invoiceIfDueForOrder(shipment.orderId, context));
    }
}
