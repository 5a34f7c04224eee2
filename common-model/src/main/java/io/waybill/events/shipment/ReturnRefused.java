package io.waybill.events.shipment;

import io.waybill.model.shipment.ReturnLine;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code waybill.shipment.return-refused.v1}: a requested return will not be authorized, so whoever asked
 * (the customer, through the portal) is not left waiting for a label that never comes.
 *
 * @param returnId   shipment-service's return, or null when the request was refused before one was recorded
 * @param shipmentId the shipment the return was asked against, when known
 * @param refusal    {@link #NOT_RETURNABLE} (nothing of the order can be returned) or {@link #NO_RETURN_LABEL} (no
 *                   carrier would issue a return label); an operator follows up either way
 */
public record ReturnRefused(
        String returnId,
        String shipmentId,
        String orderId,
        String customerId,
        List<ReturnLine> lines,
        String refusal,
        Instant refusedAt) {

    public static final String NOT_RETURNABLE = "NOT_RETURNABLE";
    public static final String NO_RETURN_LABEL = "NO_RETURN_LABEL";
}
