package io.waybill.model.order;

import io.waybill.model.Address;
import io.waybill.model.Require;

import java.util.List;

/**
 * A customer's order as Waybill fulfils it: who ordered, where it goes, how fast, and its lines. Line ids are
 * unique within the order, since allocations and shipments refer to lines by them.
 */
public record Order(String orderId, String customerId, Address shipTo, ServiceLevel serviceLevel,
                    List<OrderLine> lines, OrderStatus status) {

    public Order {
        Require.id(orderId, "orderId");
        Require.id(customerId, "customerId");
        Require.present(shipTo, "shipTo");
        Require.present(serviceLevel, "serviceLevel");
        lines = Require.nonEmpty(lines, "lines");
        Require.unique(lines, OrderLine::lineId, "lines' lineId");
        for (OrderLine line : lines) {
            if (line.quantity().isZero()) {
                throw new IllegalArgumentException("line " + line.lineId() + " orders nothing");
            }
        }
        Require.present(status, "status");
    }
}
