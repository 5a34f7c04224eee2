package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.billing.rating.RateTerms;
import io.waybill.events.EventJson;
import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNote;
import io.waybill.model.billing.BillingTerms;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.Invoice;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property, through the real path: for randomized rate agreements (currency with and without minor units, fuel
 * percentage, zones, weight bands, agreed accessorial prices), parcels (actual and volumetric weights), accepted
 * carrier accessorials, repeated proofs of delivery, and random credit and debit notes, what the API shows adds up:
 * every line is final, an invoice's total is the sum of its lines and is what the agreement prices, each note's
 * total is the sum of its lines, and the balance is the invoice minus credits plus debits, which is also what the
 * test itself asked for. Events go over the broker, invoices through {@code Invoicing}, amounts through PostgreSQL's
 * NUMERIC and back. Seeded: {@code -Dbilling.seed=} replays a run (the seed is in every failure message),
 * {@code -Dbilling.cases=} sets how many cases.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class InvoiceTotalsEqualTheSumOfTheirLinesTest {

    private static final long SEED = Long.getLong("billing.seed", 20261123L);
    private static final int CASES = Integer.getInteger("billing.cases", 60);
    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");
    private static final String CARRIER = "prop-carrier";
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final JsonPathConfig DECIMALS = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Inject
    StreamPublisher publisher;

    /** One generated case and what the test expects of it, computed independently of billing's code. */
    private static final class Case {
        final int index;
        final String replay;
        final String customerId;
        final RateTerms terms;
        final int minorUnits;
        final ShipmentEventsFixture shipment;
        final String country;
        final List<Parcel> parcels;
        final Money quote;
        final Money residentialBilled;
        final int deliveries;
        final List<Map.Entry<ChargeCode, BigDecimal>> expectedLines = new ArrayList<>();
        BigDecimal expectedBalance;
        String invoiceId;

        Case(int index, String replay, String customerId, RateTerms terms, ShipmentEventsFixture shipment,
             String country, List<Parcel> parcels, Money quote, Money residentialBilled, int deliveries) {
            this.index = index;
            this.replay = replay;
            this.customerId = customerId;
            this.terms = terms;
            this.minorUnits = java.util.Currency.getInstance(terms.currency()).getDefaultFractionDigits();
            this.shipment = shipment;
            this.country = country;
            this.parcels = parcels;
            this.quote = quote;
            this.residentialBilled = residentialBilled;
            this.deliveries = deliveries;
        }

        String currency() {
            return terms.currency();
        }
    }

    @Test
    void whatTheApiShowsAddsUpForRandomAgreementsShipmentsAccessorialsAndNotes() {
        String replay = "replay with -Dbilling.seed=" + SEED + " -Dbilling.cases=" + CASES;
        try {
            runCases(replay);
        } catch (AssertionError | RuntimeException e) {
            // Awaitility and REST failures do not carry the seed themselves.
            System.err.println("InvoiceTotalsEqualTheSumOfTheirLinesTest failed: " + replay);
            throw e;
        }
    }

    private void runCases(String replay) {
        Random random = new Random(SEED);
        String run = "CUST-PROP-" + UUID.randomUUID().toString().substring(0, 8);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(generate(publisher, random, i, run, replay + ", case " + i));
        }

        for (Case c : cases) {
            given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(EventJson.write(c.terms))
                    .when().put("/rate-agreements/" + c.customerId)
                    .then().statusCode(200);
            c.shipment.bookingRequested(ServiceLevel.STANDARD, c.country, c.parcels);
            c.shipment.booked("STANDARD", c.quote);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE customer_id LIKE ? AND charge_status = 'RATED'",
                run + "-%") == CASES);

        // Accessorials the carrier bills and an operator accepts before delivery become invoice lines.
        for (Case c : cases) {
            if (c.residentialBilled != null) {
                String dispute = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                        .body("""
                                {"carrierId": "%s", "carrierInvoiceNumber": "P-%s", "invoiceDate": "2026-11-24",
                                 "currency": "%s", "lines": [{"trackingNumber": "%s", "code": "RESIDENTIAL", "amount": %s}]}"""
                                .formatted(CARRIER, c.shipment.shipmentId, c.currency(), c.shipment.trackingNumber,
                                        c.residentialBilled.amount().toPlainString()))
                        .when().post("/carrier-bills")
                        .then().statusCode(201)
                        .extract().path("lines[0].disputeId");
                given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                        .when().post("/disputes/" + dispute + "/accept")
                        .then().statusCode(200);
            }
        }
        // Proofs of delivery, some reported more than once, interleaved across cases.
        List<Case> deliveries = new ArrayList<>();
        cases.forEach(c -> {
            for (int d = 0; d < c.deliveries; d++) {
                deliveries.add(c);
            }
        });
        java.util.Collections.shuffle(deliveries, random);
        Instant deliveredAt = Instant.parse("2026-11-20T12:00:00Z");
        deliveries.forEach(c -> c.shipment.delivered(deliveredAt.plusSeconds(random.nextInt(86_400))));
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE customer_id LIKE ? AND invoice_id IS NOT NULL",
                run + "-%") == CASES);

        for (Case c : cases) {
            c.invoiceId = single("SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", c.shipment.shipmentId);
            assertEquals(1, count("SELECT count(*) FROM invoice WHERE customer_id = ?", c.customerId), c.replay);
            issueNotes(c, random);
            check(c);
        }
    }

    private static Case generate(StreamPublisher publisher, Random random, int index, String run, String replay) {
        String currency = random.nextInt(4) == 0 ? "JPY" : "EUR";
        int minor = currency.equals("JPY") ? 0 : 2;
        BigDecimal fuelPercent = BigDecimal.valueOf(random.nextInt(30_000), 3);
        List<RateTerms.BaseRate> rates = new ArrayList<>();
        for (String zone : List.of("ZA", "ZB", "ZC")) {
            TreeSet<Integer> edges = new TreeSet<>();
            int bands = random.nextInt(3);
            while (edges.size() < bands) {
                edges.add(1 + random.nextInt(40));
            }
            edges.add(100);
            for (int edge : edges) {
                rates.add(new RateTerms.BaseRate("STANDARD", zone, BigDecimal.valueOf(edge), amount(random, minor, 50_000)));
            }
        }
        Map<ChargeCode, BigDecimal> accessorials = new EnumMap<>(ChargeCode.class);
        if (random.nextBoolean()) {
            accessorials.put(ChargeCode.RESIDENTIAL, amount(random, minor, 2_000));
        }
        RateTerms terms = new RateTerms(currency, random.nextBoolean() ? BillingTerms.PER_SHIPMENT : BillingTerms.PER_ORDER,
                random.nextInt(61), fuelPercent, Map.of("DE", "ZA", "AT", "ZB"), "ZC", rates, accessorials);

        List<Parcel> parcels = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int p = 0; p < count; p++) {
            BigDecimal weight = BigDecimal.valueOf(1 + random.nextInt(20_000), 3);
            boolean measured = random.nextInt(4) > 0;
            parcels.add(new Parcel(weight, measured ? BigDecimal.valueOf(1 + random.nextInt(50)) : null,
                    measured ? BigDecimal.valueOf(1 + random.nextInt(50)) : null,
                    measured ? BigDecimal.valueOf(1 + random.nextInt(50)) : null));
        }
        String customerId = run + "-" + index;
        ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, customerId, ShipmentEventsFixture.newOrderId(),
                CARRIER);
        Money residential = random.nextBoolean() ? new Money(amount(random, minor, 3_000), currency) : null;
        Case c = new Case(index, replay, customerId, terms, shipment,
                List.of("DE", "AT", "US", "FR").get(random.nextInt(4)), parcels,
                new Money(amount(random, minor, 40_000), currency), residential, 1 + random.nextInt(3));
        expectCharge(c);
        return c;
    }

    /** The agreement read by hand: zone, first band holding the chargeable weight, fuel half-even, agreed prices. */
    private static void expectCharge(Case c) {
        BigDecimal chargeable = BigDecimal.ZERO;
        for (Parcel parcel : c.parcels) {
            BigDecimal volumetric = parcel.lengthCm() == null ? BigDecimal.ZERO
                    : parcel.lengthCm().multiply(parcel.widthCm()).multiply(parcel.heightCm())
                    .divide(new BigDecimal("5000"), 3, RoundingMode.UP);
            chargeable = chargeable.add(parcel.weightKg().max(volumetric));
        }
        String zone = c.terms.zones().getOrDefault(c.country, c.terms.defaultZone());
        BigDecimal weight = chargeable;
        BigDecimal price = c.terms.baseRates().stream()
                .filter(r -> r.zone().equals(zone) && r.upToKg().compareTo(weight) >= 0)
                .min(Comparator.comparing(RateTerms.BaseRate::upToKg)).orElseThrow().price();
        c.expectedLines.add(Map.entry(ChargeCode.FREIGHT, price));
        if (c.terms.fuelSurchargePercent().signum() > 0) {
            c.expectedLines.add(Map.entry(ChargeCode.FUEL, price.multiply(c.terms.fuelSurchargePercent())
                    .divide(HUNDRED).setScale(c.minorUnits, RoundingMode.HALF_EVEN)));
        }
        if (c.residentialBilled != null) {
            BigDecimal agreed = c.terms.accessorials().get(ChargeCode.RESIDENTIAL);
            c.expectedLines.add(Map.entry(ChargeCode.RESIDENTIAL, agreed != null ? agreed : c.residentialBilled.amount()));
        }
        c.expectedBalance = c.expectedLines.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Random credits of invoice lines, a random manual debit note and credits of it, sometimes a full reversal. */
    private void issueNotes(Case c, Random random) {
        Map<String, BigDecimal> left = new LinkedHashMap<>();
        for (int i = 0; i < c.expectedLines.size(); i++) {
            left.put("{\"invoiceLineNumber\": " + (i + 1), c.expectedLines.get(i).getValue());
        }
        if (random.nextBoolean()) {
            List<String> lines = new ArrayList<>();
            BigDecimal debited = BigDecimal.ZERO;
            List<BigDecimal> amounts = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                BigDecimal amount = amount(random, c.minorUnits, 10_000);
                amounts.add(amount);
                debited = debited.add(amount);
                lines.add("{\"shipmentId\": \"%s\", \"code\": \"%s\", \"description\": \"Agreed extra\", \"amount\": %s}"
                        .formatted(c.shipment.shipmentId, i == 0 ? "DETENTION" : "WAITING_TIME", amount.toPlainString()));
            }
            String number = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Agreed extras\", \"lines\": [" + String.join(", ", lines) + "]}")
                    .when().post("/invoices/" + c.invoiceId + "/debit-notes")
                    .then().statusCode(201).extract().path("number");
            c.expectedBalance = c.expectedBalance.add(debited);
            for (int i = 0; i < amounts.size(); i++) {
                left.put("{\"debitNoteNumber\": \"" + number + "\", \"debitNoteLineNumber\": " + (i + 1), amounts.get(i));
            }
        }
        for (int k = 0, credits = random.nextInt(4); k < credits; k++) {
            List<String> open = left.entrySet().stream().filter(e -> e.getValue().signum() > 0).map(Map.Entry::getKey).toList();
            if (open.isEmpty()) {
                break;
            }
            String target = open.get(random.nextInt(open.size()));
            BigDecimal unit = BigDecimal.ONE.movePointLeft(c.minorUnits);
            long units = left.get(target).divide(unit).longValueExact();
            BigDecimal amount = unit.multiply(BigDecimal.valueOf(1 + (long) (random.nextDouble() * units)))
                    .min(left.get(target));
            given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Goodwill\", \"lines\": [" + target + ", \"amount\": " + amount.toPlainString() + "}]}")
                    .when().post("/invoices/" + c.invoiceId + "/credit-notes")
                    .then().statusCode(201);
            left.merge(target, amount.negate(), BigDecimal::add);
            c.expectedBalance = c.expectedBalance.subtract(amount);
        }
        if (random.nextInt(8) == 0 && c.expectedBalance.signum() > 0) {
            given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body("{\"reason\": \"Reversed in full\"}")
                    .when().post("/invoices/" + c.invoiceId + "/credit-notes")
                    .then().statusCode(201);
            c.expectedBalance = BigDecimal.ZERO;
        }
    }

    private static void check(Case c) {
        String why = c.replay + " (" + c.terms.currency() + ", fuel " + c.terms.fuelSurchargePercent() + " %, "
                + c.country + ", " + c.parcels + ")";
        JsonPath invoice = new JsonPath(given().auth().oauth2(FINANCE).when().get("/invoices/" + c.invoiceId)
                .then().statusCode(200).extract().asString()).using(DECIMALS);

        assertEquals(List.of(c.shipment.shipmentId), invoice.getList("shipmentIds"), why);
        List<String> codes = invoice.getList("lines.code");
        List<BigDecimal> amounts = invoice.getList("lines.amount.amount", BigDecimal.class);
        assertEquals(c.expectedLines.stream().map(e -> e.getKey().name()).toList(), codes, why);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < amounts.size(); i++) {
            BigDecimal amount = amounts.get(i);
            assertTrue(amount.stripTrailingZeros().scale() <= c.minorUnits, why + ": line " + (i + 1) + " " + amount + " is not final");
            assertEquals(0, amount.compareTo(c.expectedLines.get(i).getValue()),
                    why + ": line " + (i + 1) + " " + amount + ", the agreement says " + c.expectedLines.get(i).getValue());
            sum = sum.add(amount);
        }
        BigDecimal total = invoice.getObject("total.amount", BigDecimal.class);
        assertEquals(0, total.compareTo(sum), why + ": total " + total + " but lines add up to " + sum);

        BigDecimal balance = total;
        for (int n = 0; n < invoice.getList("notes").size(); n++) {
            String note = "notes[" + n + "]";
            BigDecimal noteSum = invoice.getList(note + ".lines.amount.amount", BigDecimal.class).stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal noteTotal = invoice.getObject(note + ".total.amount", BigDecimal.class);
            assertEquals(0, noteTotal.compareTo(noteSum), why + ": " + note + " total " + noteTotal + " of lines " + noteSum);
            balance = "CREDIT".equals(invoice.getString(note + ".kind")) ? balance.subtract(noteTotal) : balance.add(noteTotal);
        }
        BigDecimal shown = invoice.getObject("balance.amount", BigDecimal.class);
        assertEquals(0, shown.compareTo(balance), why + ": balance " + shown + ", invoice - credits + debits = " + balance);
        assertEquals(0, shown.compareTo(c.expectedBalance), why + ": balance " + shown + ", requested " + c.expectedBalance);
        assertTrue(shown.signum() >= 0, why + ": credited more than was charged");

        // As stored: no amount beyond the minor unit, and the stored total is the sum of the stored lines.
        assertEquals(0, count("SELECT count(*) FROM invoice_line WHERE invoice_id = ?::uuid AND amount <> round(amount, ?)",
                c.invoiceId, c.minorUnits), why);
        assertEquals(0, count("SELECT count(*) FROM invoice i WHERE i.id = ?::uuid AND i.total_amount <> "
                + "(SELECT sum(amount) FROM invoice_line l WHERE l.invoice_id = i.id)", c.invoiceId), why);
    }

    /** A positive amount of at most {@code maxUnits} minor units. */
    private static BigDecimal amount(Random random, int minorUnits, int maxUnits) {
        return BigDecimal.valueOf(1 + random.nextInt(maxUnits), minorUnits);
    }

    @Test
    void aDocumentWhoseTotalIsNotTheSumOfItsLinesCannotExist() {
        List<InvoiceLine> lines = List.of(
                new InvoiceLine(1, "SHP-1", ChargeCode.FREIGHT, "Base", Money.of("7.40", "EUR")),
                new InvoiceLine(2, "SHP-1", ChargeCode.FUEL, "Fuel", Money.of("0.63", "EUR")));
        assertThrows(IllegalArgumentException.class, () -> new Invoice("i", "INV", "C", "O", List.of("SHP-1"),
                Instant.EPOCH, LocalDate.EPOCH, lines, Money.of("8.04", "EUR")));
        assertThrows(IllegalArgumentException.class, () -> new AdjustmentNote("n", io.waybill.model.billing.NoteKind.CREDIT,
                "CN", "i", "INV", "C", "r", Instant.EPOCH, List.of(new io.waybill.model.billing.AdjustmentNoteLine(1, 1,
                "SHP-1", ChargeCode.FUEL, "Fuel", Money.of("0.63", "EUR"))), Money.of("0.64", "EUR")));
    }
}
