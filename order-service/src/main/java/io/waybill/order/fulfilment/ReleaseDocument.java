package io.waybill.order.fulfilment;

import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.ServiceLevel;

import java.util.List;

/**
 * The canonical warehouse release: what to pick, where it goes and how it ships. Each partner link maps it to its
 * partner's format (acme-3pl JSON, northwind-3pl CSV).
 */
public record ReleaseDocument(
        /** What the partner knows this release by (the order id, or order id and warehouse for a split order). */
        String releaseReference,
        String orderId,
        String customerId,
        String warehouseId,
        String partnerId,
        Address shipTo,
        List<OrderLine> lines,
        ServiceLevel serviceLevel,
        String carrierId,
        String shipmentId,
        String trackingNumber) {
}
