package io.waybill.events.shipment;

import io.waybill.model.Money;
import io.waybill.model.shipment.ReturnLine;

import java.util.List;

/**
 * Data of {@code waybill.shipment.return-authorized.v1}: the goods of {@code lines} are expected back on the return
 * shipment {@code returnShipmentId} (its own tracking number and milestones) to warehouse {@code warehouseId}.
 * {@code labelCost} is what the carrier charges for the return label, so billing can record the cost of the return;
 * null in events published before it was added.
 */
public record ReturnAuthorized(
        String returnId,
        String shipmentId,
        String orderId,
        String customerId,
        List<ReturnLine> lines,
        String reason,
        String returnShipmentId,
        String carrierId,
        String trackingNumber,
        String warehouseId,
        Money labelCost) {
}
