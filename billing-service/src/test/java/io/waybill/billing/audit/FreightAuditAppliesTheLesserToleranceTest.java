package io.waybill.billing.audit;

import io.waybill.billing.carrierbill.AuditStatus;
import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.DisputeReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The audit decision itself, without a database: tolerance edges and the order lines are judged in. */
class FreightAuditAppliesTheLesserToleranceTest {

    private static final AuditTolerance TOLERANCE = new AuditTolerance(new BigDecimal("2.00"), new BigDecimal("2"));
    private static final Map<String, FreightAudit.ShipmentFacts> SHIPMENTS = Map.of(
            "T-SMALL", new FreightAudit.ShipmentFacts("SHP-SMALL", Money.of("10.00", "EUR")),
            "T-LARGE", new FreightAudit.ShipmentFacts("SHP-LARGE", Money.of("500.00", "EUR")));

    @Test
    void aSmallQuoteGetsThePercentageALargeOneTheAbsoluteAllowance() {
        // 2 % of 10.00 = 0.20 < 2.00; 2 % of 500.00 = 10.00 > 2.00.
        assertEquals(Money.of("0.20", "EUR"), TOLERANCE.allowanceFor(Money.of("10.00", "EUR")));
        assertEquals(Money.of("2.00", "EUR"), TOLERANCE.allowanceFor(Money.of("500.00", "EUR")));

        assertEquals(AuditStatus.APPROVED, single("T-SMALL", ChargeCode.FREIGHT, "10.20").status());
        assertEquals(DisputeReason.OVERCHARGE, single("T-SMALL", ChargeCode.FREIGHT, "10.21").reason());
        assertEquals(AuditStatus.APPROVED, single("T-LARGE", ChargeCode.FREIGHT, "502.00").status());
        assertEquals(DisputeReason.OVERCHARGE, single("T-LARGE", ChargeCode.FREIGHT, "502.01").reason());
        // Billing less than quoted is not Waybill's loss.
        assertEquals(AuditStatus.APPROVED, single("T-SMALL", ChargeCode.FREIGHT, "3.00").status());
    }

    @Test
    void linesAreJudgedInBillOrderAgainstWhatIsAlreadyPayable() {
        List<FreightAudit.Verdict> verdicts = FreightAudit.audit(List.of(
                        line(1, "T-SMALL", ChargeCode.FREIGHT, "9.00"),
                        line(2, "T-SMALL", ChargeCode.FUEL, "1.10"),
                        line(3, "T-SMALL", ChargeCode.REWEIGH, "4.00"),
                        line(4, "T-SMALL", ChargeCode.WAITING_TIME, "25.00"),
                        line(5, "T-NOBODY", ChargeCode.FREIGHT, "5.00"),
                        line(6, "T-SMALL", ChargeCode.FUEL, "0.05")),
                SHIPMENTS, List.of(), TOLERANCE);

        assertEquals(List.of(AuditStatus.APPROVED, AuditStatus.APPROVED, AuditStatus.DISPUTED, AuditStatus.DISPUTED,
                AuditStatus.DISPUTED, AuditStatus.DISPUTED), verdicts.stream().map(FreightAudit.Verdict::status).toList());
        assertEquals(DisputeReason.OVERCHARGE, verdicts.get(2).reason());
        assertEquals(Money.of("0.00", "EUR"), verdicts.get(2).expected().rounded(), "10.10 of 10.00 already payable");
        assertEquals(DisputeReason.UNQUOTED_ACCESSORIAL, verdicts.get(3).reason());
        assertEquals(DisputeReason.UNKNOWN_SHIPMENT, verdicts.get(4).reason());
        assertNull(verdicts.get(4).shipmentId());
        assertEquals(DisputeReason.DUPLICATE_BILL, verdicts.get(5).reason(), "a second fuel line on the same bill");
    }

    @Test
    void theSameChargeStillStandingFromAnEarlierBillIsADuplicate() {
        var inReview = new FreightAudit.StandingCharge("SHP-SMALL", ChargeCode.REWEIGH, Money.of("4.00", "EUR"),
                AuditStatus.DISPUTED);
        FreightAudit.Verdict verdict = FreightAudit.audit(List.of(line(1, "T-SMALL", ChargeCode.REWEIGH, "4.00")),
                SHIPMENTS, List.of(inReview), TOLERANCE).get(0);
        assertEquals(DisputeReason.DUPLICATE_BILL, verdict.reason());
        assertEquals("SHP-SMALL", verdict.shipmentId());
    }

    @Test
    void aBillInAnotherCurrencyThanTheQuoteIsACurrencyMismatchNotAnOvercharge() {
        FreightAudit.Verdict verdict = FreightAudit.audit(List.of(new FreightAudit.BilledLine(1, "T-SMALL",
                ChargeCode.FREIGHT, Money.of("9.00", "USD"))), SHIPMENTS, List.of(), TOLERANCE).get(0);
        assertEquals(AuditStatus.DISPUTED, verdict.status());
        assertEquals(DisputeReason.CURRENCY_MISMATCH, verdict.reason());
    }

    @Test
    void transportOfAShipmentWithoutAQuoteWaitsForItInsteadOfBeingDisputed() {
        Map<String, FreightAudit.ShipmentFacts> unquoted = Map.of("T-NEW", new FreightAudit.ShipmentFacts("SHP-NEW", null));
        List<FreightAudit.Verdict> verdicts = FreightAudit.audit(List.of(
                line(1, "T-NEW", ChargeCode.FREIGHT, "9.00"),
                line(2, "T-NEW", ChargeCode.DETENTION, "40.00")), unquoted, List.of(), TOLERANCE);
        assertEquals(AuditStatus.AWAITING_QUOTE, verdicts.get(0).status());
        assertNull(verdicts.get(0).reason());
        assertEquals("SHP-NEW", verdicts.get(0).shipmentId());
        // An accessorial the quote would not cover anyway needs no quote to be judged.
        assertEquals(DisputeReason.UNQUOTED_ACCESSORIAL, verdicts.get(1).reason());
    }

    private static FreightAudit.Verdict single(String tracking, ChargeCode code, String amount) {
        return FreightAudit.audit(List.of(line(1, tracking, code, amount)), SHIPMENTS, List.of(), TOLERANCE).get(0);
    }

    private static FreightAudit.BilledLine line(int number, String tracking, ChargeCode code, String amount) {
        return new FreightAudit.BilledLine(number, tracking, code, Money.of(amount, "EUR"));
    }
}
