package io.waybill.shipment.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.order.ShipmentCancellationRequested;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.persistence.BookingRequestEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * What the order saga asks of shipment-service: {@code shipment-booking-requested} becomes a booking request for the
 * booking worker (carriers are never called inside the inbox transaction), and
 * {@code shipment-cancellation-requested} marks a shipment's label for voiding.
 */
@ApplicationScoped
public class OrderEventsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(OrderEventsHandler.class);

    private final InboundEvents inbound;
    private final Clock clock;

    public OrderEventsHandler(InboundEvents inbound, Clock clock) {
        this.inbound = inbound;
        this.clock = clock;
    }

    @Incoming("order-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "shipment-service.orders";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OrderEvents.SHIPMENT_BOOKING_REQUESTED) || event.is(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        if (event.is(OrderEvents.SHIPMENT_BOOKING_REQUESTED)) {
            return bookingRequested(event, event.dataAs(OrderEvents.SHIPMENT_BOOKING_REQUESTED));
        }
        return cancellationRequested(event.dataAs(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED));
    }

    private Uni<Void> bookingRequested(EventEnvelope event, ShipmentBookingRequested data) {
        if (data.allowedCarriers() == null || data.allowedCarriers().isEmpty() || data.parcels() == null
                || data.parcels().isEmpty() || data.shipTo() == null || data.serviceLevel() == null) {
            throw new IllegalArgumentException("Booking request " + event.id() + " lacks carriers, parcels, address or level");
        }
        BookingRequestEntity request = new BookingRequestEntity();
        request.id = "bkg-" + UUID.randomUUID();
        request.sourceEventId = event.id();
        request.orderId = data.orderId();
        request.customerId = data.customerId();
        request.correlationId = event.correlationid() != null ? event.correlationid() : event.id();
        request.request = EventJson.write(data);
        request.status = BookingRequestEntity.Status.PENDING;
        request.createdAt = clock.instant();
        return request.persist().replaceWithVoid();
    }

    private Uni<Void> cancellationRequested(ShipmentCancellationRequested data) {
        return ShipmentEntity.<ShipmentEntity>findById(data.shipmentId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(shipment -> {
                    if (shipment == null || !shipment.orderId.equals(data.orderId())) {
                        LOG.warnf("Cancellation of unknown shipment %s (order %s) ignored", data.shipmentId(),
                                data.orderId());
                        return Uni.createFrom().voidItem();
                    }
                    if (shipment.status != Milestone.CANCELLED && shipment.cancelRequestedAt == null) {
                        shipment.cancelRequestedAt = clock.instant();
                        shipment.cancelReason = data.reason();
                    }
                    return Uni.createFrom().voidItem();
                });
    }
}
