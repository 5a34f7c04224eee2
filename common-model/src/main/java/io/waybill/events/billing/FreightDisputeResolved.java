package io.waybill.events.billing;

import io.waybill.model.Money;
import io.waybill.model.billing.DisputeReason;
import io.waybill.model.billing.DisputeResolution;

import java.time.Instant;

/**
 * Data of {@code waybill.billing.freight-dispute-resolved.v1}. {@code payable} is what Waybill owes the carrier for
 * the line (zero when rejected).
 */
public record FreightDisputeResolved(String disputeId, String carrierId, String carrierBillId, String shipmentId,
                                     DisputeReason reason, DisputeResolution resolution, Money payable, String note,
                                     String resolvedBy, Instant resolvedAt) {
}
