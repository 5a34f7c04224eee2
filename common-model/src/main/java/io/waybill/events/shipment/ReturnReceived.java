package io.waybill.events.shipment;

import io.waybill.model.shipment.ReturnLine;

import java.time.Instant;
import java.util.List;

/** Data of {@code waybill.shipment.return-received.v1}: the return shipment was delivered back to the warehouse. */
public record ReturnReceived(
        String returnId,
        String shipmentId,
        String orderId,
        String customerId,
        List<ReturnLine> lines,
        String returnShipmentId,
        String warehouseId,
        Instant receivedAt) {
}
