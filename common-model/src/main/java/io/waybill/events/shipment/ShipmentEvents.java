package io.waybill.events.shipment;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by shipment-service on {@link EventStream#SHIPMENTS}. */
public final class ShipmentEvents {

    /** A label was bought: the shipment has a carrier, a tracking number and a cost. */
    public static final EventType<ShipmentBooked> SHIPMENT_BOOKED =
            EventType.of("waybill.shipment.booked.v1", EventStream.SHIPMENTS, ShipmentBooked.class);

    /** None of the carriers the order allowed could book it; the saga decides what happens next. */
    public static final EventType<ShipmentBookingFailed> SHIPMENT_BOOKING_FAILED =
            EventType.of("waybill.shipment.booking-failed.v1", EventStream.SHIPMENTS, ShipmentBookingFailed.class);

    /** A carrier event, normalized to a canonical milestone, was recorded in the shipment's history. */
    public static final EventType<MilestoneRecorded> MILESTONE_RECORDED =
            EventType.of("waybill.shipment.milestone-recorded.v1", EventStream.SHIPMENTS, MilestoneRecorded.class);

    /** The shipment reached its consignee, with the carrier's proof of delivery. Published once per shipment. */
    public static final EventType<ShipmentDelivered> SHIPMENT_DELIVERED =
            EventType.of("waybill.shipment.delivered.v1", EventStream.SHIPMENTS, ShipmentDelivered.class);

    /** The label was voided (or the carrier cancelled the shipment): nothing will be carried. */
    public static final EventType<ShipmentCancelled> SHIPMENT_CANCELLED =
            EventType.of("waybill.shipment.cancelled.v1", EventStream.SHIPMENTS, ShipmentCancelled.class);

    /** A return was authorized and a return label issued; inventory expects the goods, billing may credit. */
    public static final EventType<ReturnAuthorized> RETURN_AUTHORIZED =
            EventType.of("waybill.shipment.return-authorized.v1", EventStream.SHIPMENTS, ReturnAuthorized.class);

    /** The return shipment was delivered back to the warehouse. */
    public static final EventType<ReturnReceived> RETURN_RECEIVED =
            EventType.of("waybill.shipment.return-received.v1", EventStream.SHIPMENTS, ReturnReceived.class);

    /** A requested return will not be authorized: not returnable, or no carrier issued a return label. */
    public static final EventType<ReturnRefused> RETURN_REFUSED =
            EventType.of("waybill.shipment.return-refused.v1", EventStream.SHIPMENTS, ReturnRefused.class);

    public static final List<EventType<?>> ALL = List.of(
            SHIPMENT_BOOKED, SHIPMENT_BOOKING_FAILED, MILESTONE_RECORDED, SHIPMENT_DELIVERED, SHIPMENT_CANCELLED,
            RETURN_AUTHORIZED, RETURN_RECEIVED, RETURN_REFUSED);

    private ShipmentEvents() {
    }
}
