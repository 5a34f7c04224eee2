package io.waybill.events.billing;

import io.waybill.model.Money;
import io.waybill.model.billing.DisputeReason;
import io.waybill.model.billing.DisputeResolution;

import java.time.Instant;

/**
 * Data of {@code waybill.billing.freight-dispute-resolved.v1}. {@code payable} is what Waybill owes the carrier for
 * the line (zero when rejected). A {@code WITHDRAWN} resolution is the freight audit's own (resolvedBy
 * {@code freight-audit}): the shipment behind an {@code UNKNOWN_SHIPMENT} dispute became known and the line was
 * audited again.
 */
public record FreightDisputeResolved(String disputeId, String carrierId, String carrierBillId, String shipmentId,
                                     DisputeReason reason, DisputeResolution resolution, Money payable, String note,
                                     String resolvedBy, Instant resolvedAt) {
}
