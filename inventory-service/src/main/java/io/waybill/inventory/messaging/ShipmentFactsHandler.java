package io.waybill.inventory.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.shipment.MilestoneRecorded;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.adjustment.Returns;
import io.waybill.inventory.reservation.Reservations;
import io.waybill.model.shipment.Milestone;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.EnumSet;
import java.util.Set;

/**
 * What shipment-service tells inventory: a booked shipment confirms the order's held stock (it stops expiring), or
 * is refused if that stock is gone;
 * the first sign that the parcel left the warehouse (a pick-up or later scan, or delivery) consumes what the order
 * holds at the shipment's warehouse (an order split across warehouses ships one shipment per warehouse); a received
 * return puts the goods back on hand.
 */
@ApplicationScoped
public class ShipmentFactsHandler implements EventHandler {

    /** Milestones that can only happen once the goods have left the warehouse. */
    private static final Set<Milestone> LEFT_THE_WAREHOUSE = EnumSet.of(Milestone.PICKED_UP, Milestone.IN_TRANSIT,
            Milestone.OUT_FOR_DELIVERY, Milestone.DELIVERY_ATTEMPTED, Milestone.AVAILABLE_FOR_PICKUP,
            Milestone.DELIVERED);

    private final InboundEvents inboundEvents;
    private final Reservations reservations;
    private final Returns returns;

    public ShipmentFactsHandler(InboundEvents inboundEvents, Reservations reservations, Returns returns) {
        this.inboundEvents = inboundEvents;
        this.reservations = reservations;
        this.returns = returns;
    }

    @Incoming("shipment-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inboundEvents.process(message, this);
    }

    @Override
    public String name() {
        return "inventory-service.shipments";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(ShipmentEvents.SHIPMENT_BOOKED) || event.is(ShipmentEvents.SHIPMENT_DELIVERED)
                || event.is(ShipmentEvents.RETURN_RECEIVED)
                || event.is(ShipmentEvents.MILESTONE_RECORDED) && leftTheWarehouse(event.dataAs(ShipmentEvents.MILESTONE_RECORDED));
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        if (event.is(ShipmentEvents.SHIPMENT_BOOKED)) {
            ShipmentBooked booked = event.dataAs(ShipmentEvents.SHIPMENT_BOOKED);
            return reservations.confirm(booked.orderId(), booked.shipmentId(), EventContext.causedBy(event));
        }
        if (event.is(ShipmentEvents.MILESTONE_RECORDED)) {
            MilestoneRecorded milestone = event.dataAs(ShipmentEvents.MILESTONE_RECORDED);
            return reservations.consume(milestone.orderId(), milestone.shipmentId(), milestone.warehouseId());
        }
        if (event.is(ShipmentEvents.SHIPMENT_DELIVERED)) {
            ShipmentDelivered delivered = event.dataAs(ShipmentEvents.SHIPMENT_DELIVERED);
            return reservations.consume(delivered.orderId(), delivered.shipmentId(), delivered.warehouseId());
        }
        ReturnReceived received = event.dataAs(ShipmentEvents.RETURN_RECEIVED);
        return returns.putBackOnHand(received, EventContext.causedBy(event));
    }

    private static boolean leftTheWarehouse(MilestoneRecorded milestone) {
        // A return shipment's scans say nothing about outbound stock.
        return milestone.returnId() == null && milestone.milestone() != null
                && LEFT_THE_WAREHOUSE.contains(milestone.milestone());
    }
}
