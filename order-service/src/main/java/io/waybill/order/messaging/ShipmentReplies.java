package io.waybill.order.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventStream;
import io.waybill.events.shipment.MilestoneRecorded;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentBookingFailed;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.model.shipment.Milestone;
import io.waybill.order.invoicing.OrderInvoicing;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.saga.Replies;
import io.waybill.order.saga.SagaCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * shipment-service's answers to the saga (booked, booking failed) and the carrier milestones that move a released
 * order's shipments on: picked up or in transit ships one, delivered delivers it; the order follows once all its
 * shipments have (and is invoiced, if billing's invoices came first).
 */
@ApplicationScoped
public class ShipmentReplies implements EventHandler {

    private static final ChangeSource SOURCE = ChangeSource.event(EventStream.Services.SHIPMENT);
    private static final Set<Milestone> SHIPPED = EnumSet.of(Milestone.PICKED_UP, Milestone.IN_TRANSIT,
            Milestone.OUT_FOR_DELIVERY);

    private final InboundEvents inbound;
    private final SagaCoordinator coordinator;
    private final OrderInvoicing invoicing;

    public ShipmentReplies(InboundEvents inbound, SagaCoordinator coordinator, OrderInvoicing invoicing) {
        this.inbound = inbound;
        this.coordinator = coordinator;
        this.invoicing = invoicing;
    }

    @Incoming("shipment-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "order-service.shipments";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(ShipmentEvents.SHIPMENT_BOOKED) || event.is(ShipmentEvents.SHIPMENT_BOOKING_FAILED)
                || event.is(ShipmentEvents.MILESTONE_RECORDED) || event.is(ShipmentEvents.SHIPMENT_DELIVERED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        EventContext context = EventContext.causedBy(event);
        var saga = coordinator.saga();
        if (event.is(ShipmentEvents.SHIPMENT_BOOKED)) {
            ShipmentBooked booked = event.dataAs(ShipmentEvents.SHIPMENT_BOOKED);
            var reply = new Replies.ShipmentBooked(booked.shipmentId(), booked.carrierId(), booked.trackingNumber(),
                    booked.warehouseId());
            return coordinator.onReply(booked.orderId(), SOURCE, context,
                    (state, order, now) -> saga.onShipmentBooked(state, order, reply, now));
        }
        if (event.is(ShipmentEvents.SHIPMENT_BOOKING_FAILED)) {
            ShipmentBookingFailed failed = event.dataAs(ShipmentEvents.SHIPMENT_BOOKING_FAILED);
            var reply = new Replies.BookingFailed(failed.reason(),
                    failed.triedCarriers() == null ? List.of() : failed.triedCarriers(), failed.warehouseId());
            return coordinator.onReply(failed.orderId(), SOURCE, context,
                    (state, order, now) -> saga.onBookingFailed(state, order, reply, now));
        }
        if (event.is(ShipmentEvents.MILESTONE_RECORDED)) {
            MilestoneRecorded milestone = event.dataAs(ShipmentEvents.MILESTONE_RECORDED);
            if (milestone.orderId() == null || !SHIPPED.contains(milestone.milestone())) {
                return Uni.createFrom().voidItem();
            }
            return coordinator.onReply(milestone.orderId(), SOURCE, context, (state, order, now) -> saga.onParcelMoving(
                    state, order, milestone.shipmentId(), "carrier reports " + milestone.milestone() + " for shipment "
                            + milestone.shipmentId(), now));
        }
        ShipmentDelivered delivered = event.dataAs(ShipmentEvents.SHIPMENT_DELIVERED);
        return coordinator.onReply(delivered.orderId(), SOURCE, context, (state, order, now) -> saga.onDelivered(
                state, order, delivered.shipmentId(), "delivered at " + delivered.deliveredAt() + " (shipment " + delivered.shipmentId() + ")", now))
                .chain(() -> delivered.orderId() == null ? Uni.createFrom().voidItem()
                        : invoicing.settle(delivered.orderId(), context));
    }
}
