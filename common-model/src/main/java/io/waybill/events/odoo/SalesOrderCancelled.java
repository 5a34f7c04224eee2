package io.waybill.events.odoo;

import java.time.Instant;
import java.util.Objects;

/**
 * Data of {@code waybill.odoo.sales-order-cancelled.v1}: a sales order that was confirmed (and published as
 * {@code sales-order-confirmed}) is now cancelled in Odoo.
 */
public record SalesOrderCancelled(String sourceSystem, String sourceReference, long odooOrderId, Instant cancelledAt) {

    public SalesOrderCancelled {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(sourceReference, "sourceReference");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
