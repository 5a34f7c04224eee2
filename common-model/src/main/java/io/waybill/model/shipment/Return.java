package io.waybill.model.shipment;

import io.waybill.model.Require;

import java.util.List;

/** A customer sending goods of one order back: which SKUs, how many, and why. Each SKU appears on one line. */
public record Return(String returnId, String orderId, String customerId, List<ReturnLine> lines, String reason) {

    public Return {
        Require.id(returnId, "returnId");
        Require.id(orderId, "orderId");
        Require.id(customerId, "customerId");
        lines = Require.nonEmpty(lines, "lines");
        Require.unique(lines, ReturnLine::sku, "lines' sku");
        for (ReturnLine line : lines) {
            if (line.quantity().isZero()) {
                throw new IllegalArgumentException("a return line of nothing: " + line.sku());
            }
        }
        Require.text(reason, "reason");
    }
}
