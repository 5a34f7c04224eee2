package io.waybill.events.shipment;

import java.util.List;

/**
 * Data of {@code waybill.shipment.booking-failed.v1}. {@code triedCarriers} lists every carrier that was asked (in
 * the order they were asked), so the saga can ask again with carriers routing still allows; {@code failures} says
 * why each one did not book. {@code warehouseId} is the origin of the booking request this answers (absent from older
 * publishers): an order split across warehouses has one booking per warehouse.
 */
public record ShipmentBookingFailed(
        String orderId,
        String reason,
        List<String> triedCarriers,
        List<CarrierFailure> failures,
        String warehouseId) {

    /** A failure that does not say its origin (the shape before {@code warehouseId} was added). */
    public ShipmentBookingFailed(String orderId, String reason, List<String> triedCarriers,
                                 List<CarrierFailure> failures) {
        this(orderId, reason, triedCarriers, failures, null);
    }

    /** Why one carrier did not book: no matching service, rejected, unavailable (breaker open, timeouts...). */
    public record CarrierFailure(String carrierId, String reason) {
    }
}
