package io.waybill.billing.invoicing;

import io.waybill.billing.rating.FreightRater;
import io.waybill.billing.rating.RateTerms;
import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNote;
import io.waybill.model.billing.AdjustmentNoteLine;
import io.waybill.model.billing.BillingTerms;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.ChargeLine;
import io.waybill.model.billing.Invoice;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.model.billing.NoteKind;
import io.waybill.model.billing.Totals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever the rates, surcharge percentages, weights and number of shipments, every line is final (at
 * most the currency's minor unit), the fuel line is the half-even rounding of its exact value, and an invoice's or
 * a note's total is exactly the sum of its lines. Randomized with a fixed seed (override with -Dbilling.seed=...);
 * a failure names the seed and the case so it can be replayed.
 */
class InvoiceTotalsEqualTheSumOfTheirLinesTest {

    private static final long SEED = Long.getLong("billing.seed", 20261123L);
    private static final int CASES = 2_000;

    @Test
    void invoiceAndNoteTotalsAreTheSumOfTheirRoundedLines() {
        Random random = new Random(SEED);
        for (int run = 0; run < CASES; run++) {
            String replay = "seed " + SEED + ", case " + run;
            String currency = random.nextInt(5) == 0 ? "JPY" : "EUR";
            int minorUnits = currency.equals("JPY") ? 0 : 2;
            BigDecimal fuelPercent = BigDecimal.valueOf(random.nextInt(30_000), 3); // 0.000 .. 29.999 %
            int shipments = 1 + random.nextInt(6);
            List<InvoiceLine> lines = new ArrayList<>();
            for (int s = 0; s < shipments; s++) {
                BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(500_000), minorUnits);
                BigDecimal weight = BigDecimal.valueOf(1 + random.nextInt(31_500), 3);
                RateTerms terms = new RateTerms(currency, BillingTerms.PER_ORDER, 30, fuelPercent, Map.of("DE", "Z1"),
                        "Z9", List.of(new RateTerms.BaseRate("STANDARD", "Z1", new BigDecimal("31.5"), price)), Map.of());
                List<ChargeLine> charge = FreightRater.rate(terms, "STANDARD", "DE", weight);

                Money freight = charge.get(0).amount();
                assertEquals(0, freight.amount().compareTo(price), replay);
                if (fuelPercent.signum() > 0) {
                    BigDecimal exact = price.multiply(fuelPercent).divide(new BigDecimal("100"));
                    assertEquals(0, charge.get(1).amount().amount()
                            .compareTo(exact.setScale(minorUnits, RoundingMode.HALF_EVEN)), replay + ": fuel rounding");
                }
                for (ChargeLine line : charge) {
                    assertTrue(line.amount().amount().scale() <= minorUnits, replay + ": " + line + " is not final");
                    lines.add(new InvoiceLine(lines.size() + 1, "SHP-" + s, line.code(), line.description(), line.amount()));
                }
            }
            Money total = Totals.sum(lines.stream().map(InvoiceLine::amount).toList(), currency);
            Invoice invoice = new Invoice("inv-" + run, "INV-" + run, "CUST", "ORD", List.of("SHP-0"), Instant.EPOCH,
                    LocalDate.EPOCH, lines, total);
            BigDecimal byHand = BigDecimal.ZERO;
            for (InvoiceLine line : lines) {
                byHand = byHand.add(line.amount().amount());
            }
            assertEquals(0, invoice.total().amount().compareTo(byHand), replay);

            // A random partial credit of random lines adds up the same way, and never exceeds the invoice.
            List<AdjustmentNoteLine> credits = new ArrayList<>();
            for (InvoiceLine line : lines) {
                if (random.nextBoolean() && line.amount().amount().signum() > 0) {
                    BigDecimal part = line.amount().amount().multiply(BigDecimal.valueOf(random.nextInt(100) + 1))
                            .divide(new BigDecimal("100"), minorUnits, RoundingMode.HALF_EVEN);
                    if (part.signum() > 0) {
                        credits.add(new AdjustmentNoteLine(credits.size() + 1, line.lineNumber(), line.shipmentId(),
                                line.code(), line.description(), new Money(part, currency)));
                    }
                }
            }
            if (!credits.isEmpty()) {
                Money credited = Totals.sum(credits.stream().map(AdjustmentNoteLine::amount).toList(), currency);
                AdjustmentNote note = new AdjustmentNote("n", NoteKind.CREDIT, "CN", invoice.invoiceId(),
                        invoice.number(), "CUST", "r", Instant.EPOCH, credits, credited);
                assertTrue(note.total().compareTo(invoice.total()) <= 0, replay);
            }
        }
    }

    @Test
    void aDocumentWhoseTotalIsNotTheSumOfItsLinesCannotExist() {
        List<InvoiceLine> lines = List.of(
                new InvoiceLine(1, "SHP-1", ChargeCode.FREIGHT, "Base", Money.of("7.40", "EUR")),
                new InvoiceLine(2, "SHP-1", ChargeCode.FUEL, "Fuel", Money.of("0.63", "EUR")));
        assertThrows(IllegalArgumentException.class, () -> new Invoice("i", "INV", "C", "O", List.of("SHP-1"),
                Instant.EPOCH, LocalDate.EPOCH, lines, Money.of("8.04", "EUR")));
    }
}
