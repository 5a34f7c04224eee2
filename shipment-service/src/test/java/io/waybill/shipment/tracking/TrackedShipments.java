package io.waybill.shipment.tracking;

import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;

import java.util.Map;

/** A booked swiftpost shipment to post webhooks about. */
final class TrackedShipments {

    private TrackedShipments() {
    }

    static Map<String, Object> bookWithSwiftpost(TestEvents events) {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        Shipping.awaitBookingOutcome(order);
        return Shipping.shipmentOf(order);
    }
}
