package io.waybill.events.shipment;

import java.util.List;

/**
 * Data of {@code waybill.shipment.booking-failed.v1}. {@code triedCarriers} lists every carrier that was asked (in
 * the order they were asked), so the saga can ask again with carriers routing still allows; {@code failures} says
 * why each one did not book.
 */
public record ShipmentBookingFailed(
        String orderId,
        String reason,
        List<String> triedCarriers,
        List<CarrierFailure> failures) {

    /** Why one carrier did not book: no matching service, rejected, unavailable (breaker open, timeouts...). */
    public record CarrierFailure(String carrierId, String reason) {
    }
}
