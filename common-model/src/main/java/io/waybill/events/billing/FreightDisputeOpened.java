package io.waybill.events.billing;

import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.DisputeReason;

import java.time.Instant;

/**
 * Data of {@code waybill.billing.freight-dispute-opened.v1}. {@code shipmentId} is absent for an unknown shipment;
 * {@code expected} is what the audit would have approved (absent where nothing was expected).
 */
public record FreightDisputeOpened(String disputeId, String carrierId, String carrierBillId,
                                   String carrierInvoiceNumber, String trackingNumber, String shipmentId,
                                   ChargeCode code, DisputeReason reason, Money billed, Money expected,
                                   String detail, Instant openedAt) {
}
