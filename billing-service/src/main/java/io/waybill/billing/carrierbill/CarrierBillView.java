package io.waybill.billing.carrierbill;

import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.DisputeReason;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A received carrier bill with the audit's verdict on each line. */
public record CarrierBillView(String billId, String carrierId, String carrierInvoiceNumber, LocalDate invoiceDate,
                              Money total, Instant receivedAt, String receivedVia, List<Line> lines) {

    public record Line(int lineNumber, String trackingNumber, String shipmentId, ChargeCode code, String description,
                       Money amount, AuditStatus auditStatus, String disputeId, DisputeReason disputeReason) {
    }
}
