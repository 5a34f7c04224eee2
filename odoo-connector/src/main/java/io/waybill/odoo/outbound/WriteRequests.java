package io.waybill.odoo.outbound;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The payloads of the queued writes, as stored in {@code odoo_write.payload}. */
@RegisterForReflection(targets = {WriteRequests.TrackingRef.class, WriteRequests.DeliveryValidation.class,
        WriteRequests.ShippedLine.class, WriteRequests.InvoicePosting.class, WriteRequests.InvoicePostingLine.class,
        WriteRequests.InventoryCount.class, WriteRequests.ReturnReceipt.class, WriteRequests.ReturnedLine.class})
public final class WriteRequests {

    private WriteRequests() {
    }

    /** Write the carrier's tracking number on the order's delivery. */
    public record TrackingRef(String shipmentId, String orderId, long odooOrderId, String trackingNumber,
                              String carrierId) {
        public static final String OPERATION = "tracking-ref";
    }

    /** Validate the order's delivery with what was shipped; empty lines = everything that was reserved. */
    public record DeliveryValidation(String shipmentId, String orderId, long odooOrderId, List<ShippedLine> lines) {
        public static final String OPERATION = "validate-delivery";
    }

    public record ShippedLine(String sku, BigDecimal quantity) {
    }

    /**
     * Create and post a customer invoice ({@code out_invoice}) or credit note ({@code out_refund}) in Odoo.
     * {@code number} is billing-service's number, stored as the move's {@code ref}: the external reference a
     * retried create looks for first.
     */
    public record InvoicePosting(String invoiceId, String number, String moveType, String customerId, String orderId,
                                 LocalDate invoiceDate, List<InvoicePostingLine> lines, String reversedInvoiceId) {
        public static final String OPERATION = "post-invoice";
    }

    public record InvoicePostingLine(String description, BigDecimal quantity, BigDecimal unitPrice) {
    }

    /** Set the counted quantity of a SKU in a warehouse's Odoo stock location and apply it. */
    public record InventoryCount(String warehouseId, String sku, BigDecimal countedQuantity, String reason) {
        public static final String OPERATION = "inventory-adjustment";
    }

    /**
     * Book a customer return that arrived back at the warehouse: the return picking of the order's delivery, made
     * by Odoo's own return wizard, validated with what came back. {@code returnId} is shipment-service's return id,
     * bound to the return picking so that a retried write finds it instead of returning the goods twice.
     */
    public record ReturnReceipt(String returnId, String shipmentId, String orderId, long odooOrderId,
                                List<ReturnedLine> lines) {
        public static final String OPERATION = "receive-return";
    }

    public record ReturnedLine(String sku, BigDecimal quantity) {
    }
}
