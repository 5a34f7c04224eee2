package io.waybill.events.odoo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Data of {@code waybill.odoo.sales-order-confirmed.v1}: a confirmed Odoo {@code sale.order}, as the authenticated
 * API returned it (never as a webhook claimed it).
 *
 * @param sourceSystem     always {@code odoo}
 * @param sourceReference  the order's name in Odoo, e.g. {@code S00025}; unique per Odoo database
 * @param odooOrderId      the {@code sale.order} id, for write-backs
 * @param customerReference the customer's own purchase-order number ({@code client_order_ref}), if given
 * @param customerId       Waybill's customer id of the ordering company (see {@code customer-synced})
 * @param shipTo           the delivery address ({@code partner_shipping_id})
 * @param lines            the goods to deliver, SKU = the product's internal reference ({@code default_code});
 *                         lineId = the {@code sale.order.line} id. Delivery-fee, section and note lines are left out.
 * @param requestedCarrier the carrier chosen in Odoo ({@code carrier_id}), if any
 * @param commitmentDate   the delivery date promised to the customer ({@code commitment_date}), if any
 * @param confirmedAt      the order date in Odoo ({@code date_order}, set at confirmation)
 * @param allowSplit       whether the order may ship in parts, from Odoo's shipping policy ({@code picking_policy}):
 *                         {@code true} for "As soon as possible" ({@code direct}), {@code false} for "When all
 *                         products are ready" ({@code one}); absent from older publishers, which counts as
 *                         {@code false}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SalesOrderConfirmed(
        String sourceSystem,
        String sourceReference,
        long odooOrderId,
        String customerReference,
        String customerId,
        long odooPartnerId,
        String customerName,
        Address shipTo,
        List<OrderLine> lines,
        String requestedCarrier,
        Instant commitmentDate,
        Instant confirmedAt,
        Boolean allowSplit) {

    public SalesOrderConfirmed {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(sourceReference, "sourceReference");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(shipTo, "shipTo");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A sales order to fulfil has at least one line with goods");
        }
    }

    /** An order that does not say whether it may ship in parts (the shape before {@code allowSplit} was added). */
    public SalesOrderConfirmed(String sourceSystem, String sourceReference, long odooOrderId, String customerReference,
                               String customerId, long odooPartnerId, String customerName, Address shipTo,
                               List<OrderLine> lines, String requestedCarrier, Instant commitmentDate,
                               Instant confirmedAt) {
        this(sourceSystem, sourceReference, odooOrderId, customerReference, customerId, odooPartnerId, customerName,
                shipTo, lines, requestedCarrier, commitmentDate, confirmedAt, null);
    }

    /** Whether the order may ship in parts; an order that does not say is shipped whole. */
    public boolean splitAllowed() {
        return Boolean.TRUE.equals(allowSplit);
    }
}
