package io.waybill.billing.audit;

import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.DisputeReason;

import java.time.Instant;

/** A freight dispute as operators see it in the review queue. */
public record DisputeView(String disputeId, String carrierId, String carrierBillId, String shipmentId,
                          String trackingNumber, ChargeCode code, DisputeReason reason, Money billed, Money expected,
                          String detail, DisputeStatus status, Instant openedAt, Instant resolvedAt,
                          String resolvedBy, String resolutionNote) {

    static DisputeView of(FreightDispute d) {
        return new DisputeView(d.id.toString(), d.carrierId, d.billId.toString(), d.shipmentId, d.trackingNumber,
                d.code, d.reason, d.billed(), d.expected(), d.detail, d.status, d.openedAt, d.resolvedAt,
                d.resolvedBy, d.resolutionNote);
    }
}
