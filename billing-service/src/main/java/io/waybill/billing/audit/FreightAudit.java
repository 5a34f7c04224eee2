package io.waybill.billing.audit;

import io.waybill.billing.carrierbill.AuditStatus;
import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.DisputeReason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The freight audit of one carrier bill, as a pure decision over what billing knows: the bill's lines, the shipments
 * behind their tracking numbers with their quotes, and what was billed for those shipments before. For each line:
 * <ol>
 *     <li>no shipment of this carrier has the tracking number: {@link DisputeReason#UNKNOWN_SHIPMENT};</li>
 *     <li>the same charge for the same shipment stands already (earlier bill or earlier line):
 *     {@link DisputeReason#DUPLICATE_BILL};</li>
 *     <li>freight, fuel and re-weigh are what the quote covers: without a quote yet the line waits
 *     ({@link AuditStatus#AWAITING_QUOTE}) and is audited when the quote arrives; billed in another currency than
 *     quoted, {@link DisputeReason#CURRENCY_MISMATCH}; else approved while everything payable for the shipment stays
 *     within quote + tolerance, else {@link DisputeReason#OVERCHARGE};</li>
 *     <li>any other accessorial was not quoted: {@link DisputeReason#UNQUOTED_ACCESSORIAL}, for an operator to judge.</li>
 * </ol>
 * Lines are decided in bill order, each seeing the ones approved before it. Undercharges are approved: the audit
 * protects against paying too much, and the carrier's own bill is what Waybill owes.
 */
public final class FreightAudit {

    private FreightAudit() {
    }

    /** A line to audit. */
    public record BilledLine(int lineNumber, String trackingNumber, ChargeCode code, Money amount) {
    }

    /** What billing knows of a shipment the carrier billed. {@code quote} is null before the booking arrived. */
    public record ShipmentFacts(String shipmentId, Money quote) {
    }

    /** A charge billed before for a shipment that still stands (approved, accepted or in dispute). */
    public record StandingCharge(String shipmentId, ChargeCode code, Money amount, AuditStatus status) {
    }

    public record Verdict(int lineNumber, String shipmentId, AuditStatus status, DisputeReason reason,
                          Money expected, String detail) {

        static Verdict approved(int lineNumber, String shipmentId, String detail) {
            return new Verdict(lineNumber, shipmentId, AuditStatus.APPROVED, null, null, detail);
        }

        static Verdict disputed(int lineNumber, String shipmentId, DisputeReason reason, Money expected, String detail) {
            return new Verdict(lineNumber, shipmentId, AuditStatus.DISPUTED, reason, expected, detail);
        }
    }

    /**
     * @param shipmentsByTracking this carrier's shipments, by tracking number
     * @param standing            charges billed before for those shipments, not rejected
     */
    public static List<Verdict> audit(List<BilledLine> lines, Map<String, ShipmentFacts> shipmentsByTracking,
                                      List<StandingCharge> standing, AuditTolerance tolerance) {
        List<StandingCharge> seen = new ArrayList<>(standing);
        Map<String, Money> payableTransport = new HashMap<>();
        for (StandingCharge charge : standing) {
            if (charge.code().isCoveredByQuote() && charge.status().isPayable()) {
                payableTransport.merge(charge.shipmentId(), charge.amount(), Money::plus);
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (BilledLine line : lines) {
            ShipmentFacts shipment = shipmentsByTracking.get(line.trackingNumber());
            Verdict verdict = decide(line, shipment, seen, payableTransport, tolerance);
            verdicts.add(verdict);
            if (shipment != null) {
                seen.add(new StandingCharge(shipment.shipmentId(), line.code(), line.amount(), verdict.status()));
                if (verdict.status() == AuditStatus.APPROVED && line.code().isCoveredByQuote()) {
                    payableTransport.merge(shipment.shipmentId(), line.amount(), Money::plus);
                }
            }
        }
        return verdicts;
    }

    private static Verdict decide(BilledLine line, ShipmentFacts shipment, List<StandingCharge> seen,
                                  Map<String, Money> payableTransport, AuditTolerance tolerance) {
        if (shipment == null) {
            return Verdict.disputed(line.lineNumber(), null, DisputeReason.UNKNOWN_SHIPMENT, null,
                    "No shipment booked with this carrier has tracking number " + line.trackingNumber());
        }
        String shipmentId = shipment.shipmentId();
        boolean duplicate = seen.stream().anyMatch(c -> c.shipmentId().equals(shipmentId) && c.code() == line.code());
        if (duplicate) {
            return Verdict.disputed(line.lineNumber(), shipmentId, DisputeReason.DUPLICATE_BILL, Money.zero(line.amount().currency()),
                    line.code() + " for shipment " + shipmentId + " was billed before");
        }
        if (!line.code().isCoveredByQuote()) {
            return Verdict.disputed(line.lineNumber(), shipmentId, DisputeReason.UNQUOTED_ACCESSORIAL, null,
                    line.code() + " was not part of the quote at booking");
        }
        Money quote = shipment.quote();
        if (quote == null) {
            // The shipment is ours; only its quote is missing. Not a dispute: audited when the quote arrives.
            return new Verdict(line.lineNumber(), shipmentId, AuditStatus.AWAITING_QUOTE, null, null,
                    "Shipment " + shipmentId + " has no booking quote yet; audited when it arrives");
        }
        if (!quote.currency().equals(line.amount().currency())) {
            // Not comparable, so not known to be an overcharge: an operator judges it (exchange rate, wrong bill).
            return Verdict.disputed(line.lineNumber(), shipmentId, DisputeReason.CURRENCY_MISMATCH, null,
                    "Billed in " + line.amount().currency() + " but quoted in " + quote.currency());
        }
        Money before = payableTransport.getOrDefault(shipmentId, Money.zero(quote.currency()));
        Money after = before.plus(line.amount());
        Money allowance = tolerance.allowanceFor(quote);
        Money ceiling = quote.plus(allowance);
        if (after.compareTo(ceiling) <= 0) {
            return Verdict.approved(line.lineNumber(), shipmentId,
                    "Transport " + after + " within quote " + quote + " + tolerance " + allowance);
        }
        Money headroom = quote.minus(before);
        return Verdict.disputed(line.lineNumber(), shipmentId, DisputeReason.OVERCHARGE,
                headroom.isNegative() ? Money.zero(quote.currency()) : headroom,
                "Transport billed " + after + " against a quote of " + quote + " (tolerance " + allowance + ")");
    }
}
