package io.waybill.events.portal;

import io.waybill.model.Quantity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Data of {@code waybill.portal.return-requested.v1}.
 *
 * @param returnRequestId the portal's id of the request (the event subject)
 * @param returnNumber    the public number the customer sees and quotes, e.g. {@code RR-7Q4K2M9X}
 * @param orderId         the order the goods came with
 * @param shipmentIds     the delivered shipments of that order, for shipment-service to pick the return carrier
 * @param lines           what goes back
 * @param reason          the customer's reason, one of the portal's reason codes (e.g. {@code DAMAGED})
 * @param comment         the customer's free text, optional
 */
public record ReturnRequested(String returnRequestId, String returnNumber, String orderId, String customerId,
                              List<String> shipmentIds, List<Line> lines, String reason, String comment,
                              Instant requestedAt) {

    public ReturnRequested {
        Objects.requireNonNull(returnRequestId, "returnRequestId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        shipmentIds = shipmentIds == null ? List.of() : List.copyOf(shipmentIds);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One product going back: the order's SKU and how many of it. */
    public record Line(String sku, Quantity quantity) {
    }
}
