package io.waybill.billing.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.events.EventEnvelope;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Money;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.column;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.execute;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Carrier bills and Waybill's events travel on different paths: a bill can reach billing before the booking (or the
 * return authorization) that makes its tracking number known. Its lines must not stay unknown for ever: once billing
 * learns the shipment, they are audited by the normal rules, in the same transaction, once.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ABillThatArrivesBeforeItsShipmentIsAuditedOnceBillingLearnsItTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void aLineBilledBeforeTheBookingIsApprovedOnceTheBookingArrivesAndBecomesPayable() {
        String carrier = carrier();
        ShipmentEventsFixture shipment = notYetBooked(carrier);
        String billId = postBill(carrier, shipment.trackingNumber, "6.00", "0.10");
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("AWAITING_SHIPMENT", "AWAITING_SHIPMENT"))
                .body("lines.shipmentId", contains(null, null))
                .body("lines.disputeId", contains(null, null));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());

        // Quote 6.10, tolerance 2 % = 0.12: 6.00 + 0.10 is within it.
        shipment.bookingRequested();
        shipment.booked("6.10");
        awaitAudited(billId);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("APPROVED", "APPROVED"))
                .body("lines.shipmentId", contains(shipment.shipmentId, shipment.shipmentId));
        Journeys.rated(shipment);
        // Payable now: the shipment's carrier cost is what the carrier billed, no longer the quote.
        given().auth().oauth2(AUDITOR).when().get("/ops/margins?shipmentId=" + shipment.shipmentId)
                .then().statusCode(200)
                .body("[0].carrierCost.amount", equalTo(6.10f))
                .body("[0].costFromCarrierBill", equalTo(true));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void anOverchargedLineBilledBeforeTheBookingIsDisputedAsAnOverchargeOnceTheBookingArrives() {
        String carrier = carrier();
        ShipmentEventsFixture shipment = notYetBooked(carrier);
        String billId = postBill(carrier, shipment.trackingNumber, "7.00", "0.50");

        shipment.bookingRequested();
        shipment.booked("7.00");
        awaitAudited(billId);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("APPROVED", "DISPUTED"))
                .body("lines.disputeReason", contains(null, "OVERCHARGE"));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200)
                .body("reason", contains("OVERCHARGE"))
                .body("shipmentId", contains(shipment.shipmentId))
                .body("code", contains("FUEL"))
                .body("expected.amount", contains(0.0f));
    }

    @Test
    void aReturnLabelBilledBeforeItsAuthorizationIsAuditedAgainstTheLabelCostWhenItArrives() {
        String carrier = carrier();
        ShipmentEventsFixture outbound = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        ShipmentEventsFixture.Return ret = outbound.returnNotYetReported();
        String within = postLine(carrier, ret.trackingNumber(), "FREIGHT", "5.00");
        String above = postLine(carrier, ret.trackingNumber(), "REWEIGH", "0.20");

        // Label cost 5.00, tolerance the lesser of 2.00 and 2 % = 0.10: 5.00 approved, 0.20 more is over it.
        ShipmentEventsFixture.Return reported = ret.authorized(Money.of("5.00", "EUR"));
        awaitAudited(within);
        awaitAudited(above);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + within)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("APPROVED"))
                .body("lines.shipmentId", contains(ret.shipmentId()));
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + above)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("DISPUTED"))
                .body("lines.disputeReason", contains("OVERCHARGE"));
        // The label is a cost, never a charge to the customer.
        assertEquals(0, count("SELECT count(*) FROM charge_line WHERE shipment_id = ?", reported.shipmentId()));
        given().auth().oauth2(AUDITOR).when().get("/ops/margins?shipmentId=" + outbound.shipmentId)
                .then().statusCode(200).body("[0].returnCost.amount", equalTo(5.00f));
    }

    @Test
    void anUnknownShipmentDisputeStillOpenIsWithdrawnWithItsTrailWhenTheBookingArrives() {
        String carrier = carrier();
        ShipmentEventsFixture shipment = notYetBooked(carrier);
        String billId = postLine(carrier, shipment.trackingNumber, "FREIGHT", "6.00");
        String unknownDispute = disputedAsUnknownAfterTheGrace(billId);

        shipment.bookingRequested();
        shipment.booked("6.00");
        awaitAudited(billId);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("APPROVED"))
                .body("lines.disputeId", contains((Object) null));
        given().auth().oauth2(AUDITOR).when().get("/disputes/" + unknownDispute)
                .then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("reason", equalTo("UNKNOWN_SHIPMENT"))
                .body("resolvedBy", equalTo("freight-audit"))
                .body("resolutionNote", equalTo("Shipment learnt after the bill: booking of shipment "
                        + shipment.shipmentId + " recorded; line re-audited: approved"));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());
        given().auth().oauth2(AUDITOR).when().get("/disputes?status=WITHDRAWN&carrierId=" + carrier)
                .then().statusCode(200).body("disputeId", contains(unknownDispute));
        // Whoever follows the disputes' events sees it closed, and what Waybill now owes for the line.
        String resolved = single("SELECT envelope FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-resolved.v1", "%" + unknownDispute + "%");
        assertEquals(true, resolved.contains("\"resolution\":\"WITHDRAWN\""), resolved);
        assertEquals(true, resolved.matches(".*\"payable\":\\{\"amount\":\"?6(\\.00?)?\"?,.*"), resolved);
    }

    @Test
    void anotherCarriersLineWithTheSameTrackingNumberStaysUnknown() {
        String carrier = carrier();
        String other = carrier();
        ShipmentEventsFixture shipment = notYetBooked(carrier);
        String ours = postLine(carrier, shipment.trackingNumber, "FREIGHT", "6.00");
        String theirsWaiting = postLine(other, shipment.trackingNumber, "FREIGHT", "6.00");
        String theirsDisputed = postLine(other, shipment.trackingNumber, "FUEL", "0.50");
        String theirDispute = disputedAsUnknownAfterTheGrace(theirsDisputed);

        shipment.bookingRequested();
        shipment.booked("6.00");
        awaitAudited(ours);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + theirsWaiting)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("AWAITING_SHIPMENT"))
                .body("lines.shipmentId", contains((Object) null));
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + theirsDisputed)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("DISPUTED"))
                .body("lines.disputeReason", contains("UNKNOWN_SHIPMENT"));
        given().auth().oauth2(AUDITOR).when().get("/disputes/" + theirDispute)
                .then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void anUnknownShipmentDisputeAnOperatorDecidedIsNotReopenedWhenTheBookingArrives() {
        String carrier = carrier();
        ShipmentEventsFixture shipment = notYetBooked(carrier);
        String billId = postBill(carrier, shipment.trackingNumber, "6.00", "9.00");
        ageBill(billId);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM freight_dispute WHERE bill_id = ?::uuid AND status = 'OPEN'", billId) == 2);
        List<String> disputes = column("SELECT d.id FROM freight_dispute d JOIN carrier_bill_line l ON l.id = d.bill_line_id"
                + " WHERE d.bill_id = ?::uuid ORDER BY l.line_number", billId);
        decide(disputes.get(0), "accept", "Parcel handed over at the depot, booking delayed");
        decide(disputes.get(1), "reject", "Fuel is never 9.00");

        shipment.bookingRequested();
        EventEnvelope booked = shipment.booked("6.00");
        awaitHandled(booked);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("ACCEPTED", "REJECTED"))
                .body("lines.disputeId", contains(disputes.get(0), disputes.get(1)));
        assertEquals(List.of("ACCEPTED", "REJECTED"), column("SELECT d.status FROM freight_dispute d"
                + " JOIN carrier_bill_line l ON l.id = d.bill_line_id WHERE d.bill_id = ?::uuid ORDER BY l.line_number",
                billId));
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?"
                + " AND envelope LIKE '%WITHDRAWN%'", "waybill.billing.freight-dispute-resolved.v1", "%" + billId + "%"));
        assertEquals(2, count("SELECT count(*) FROM freight_dispute WHERE bill_id = ?::uuid", billId));    }

    @Test
    void aBookingDeliveredAgainReauditsNothingTwice() {
        String carrier = carrier();
        ShipmentEventsFixture shipment = notYetBooked(carrier);
        String waiting = postBill(carrier, shipment.trackingNumber, "7.00", "0.50");
        String disputed = postLine(carrier, shipment.trackingNumber, "REWEIGH", "3.00");
        disputedAsUnknownAfterTheGrace(disputed);

        shipment.bookingRequested();
        EventEnvelope booked = shipment.booked("7.00");
        awaitAudited(waiting);
        awaitAudited(disputed);
        String before = snapshot(shipment);

        publisher.publish(ShipmentEvents.SHIPMENT_BOOKED, booked); // the broker redelivering it
        // The same booking reported again as a new event (a relay re-sending after a crash): handled after the redelivery.
        awaitHandled(shipment.booked("7.00"));

        assertEquals(1, count("SELECT count(*) FROM inbox_message WHERE message_id = ?", booked.id()));
        assertEquals(before, snapshot(shipment), "a booking delivered again re-audited something");
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200)
                // In bill order against quote 7.00 + 0.14: the re-weigh (billed first) 3.00 fits, freight 7.00 on top
                // does not, fuel 0.50 on top of the approved 3.00 does.
                .body("reason", contains("OVERCHARGE"))
                .body("code", contains("FREIGHT"));
    }

    /** Every line, dispute and dispute event of the shipment's tracking number, as text. */
    private static String snapshot(ShipmentEventsFixture shipment) {
        return String.join("\n", column("""
                SELECT l.id || ' ' || l.audit_status || ' ' || coalesce(l.shipment_id, '-') || ' ' || coalesce((
                         SELECT string_agg(d.id || ':' || d.status || ':' || d.reason || ':' || d.version, ','
                                           ORDER BY d.opened_at, d.id)
                         FROM freight_dispute d WHERE d.bill_line_id = l.id), '-')
                FROM carrier_bill_line l WHERE l.tracking_number = ? ORDER BY l.id""", shipment.trackingNumber))
                + "\nevents " + count("SELECT count(*) FROM outbox_message WHERE event_type LIKE ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-%", "%" + shipment.trackingNumber + "%")
                + "\nresolved " + count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-resolved.v1", "%" + shipment.shipmentId + "%");
    }

    private ShipmentEventsFixture notYetBooked(String carrier) {
        return new ShipmentEventsFixture(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(), carrier);
    }

    /** Past the grace period with its shipment still unknown: the sweep disputes the bill's line. */
    private static String disputedAsUnknownAfterTheGrace(String billId) {
        ageBill(billId);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM freight_dispute WHERE bill_id = ?::uuid AND reason = 'UNKNOWN_SHIPMENT'"
                        + " AND status = 'OPEN'", billId) == 1);
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("DISPUTED"))
                .body("lines.disputeReason", contains("UNKNOWN_SHIPMENT"));
        return single("SELECT id FROM freight_dispute WHERE bill_id = ?::uuid", billId);
    }

    private static void ageBill(String billId) {
        execute("UPDATE carrier_bill SET received_at = received_at - interval '3 days 1 minute' WHERE id = ?::uuid",
                billId);
    }

    private static void awaitAudited(String billId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM carrier_bill_line WHERE bill_id = ?::uuid AND shipment_id IS NULL", billId) == 0);
    }

    private static void awaitHandled(EventEnvelope event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ?", event.id()) == 1);
    }

    private static void decide(String disputeId, String decision, String note) {
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body("{\"note\": \"" + note + "\"}")
                .when().post("/disputes/" + disputeId + "/" + decision)
                .then().statusCode(200);
    }

    private static String carrier() {
        return "carrier-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String postBill(String carrier, String trackingNumber, String freight, String fuel) {
        return post("""
                {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                 "lines": [{"trackingNumber": "%s", "code": "FREIGHT", "amount": %s},
                           {"trackingNumber": "%s", "code": "FUEL", "amount": %s}]}"""
                .formatted(carrier, UUID.randomUUID(), trackingNumber, freight, trackingNumber, fuel));
    }

    private static String postLine(String carrier, String trackingNumber, String code, String amount) {
        return post("""
                {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                 "lines": [{"trackingNumber": "%s", "code": "%s", "amount": %s}]}"""
                .formatted(carrier, UUID.randomUUID(), trackingNumber, code, amount));
    }

    private static String post(String body) {
        return given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(body)
                .when().post("/carrier-bills")
                .then().statusCode(201).extract().path("billId");
    }
}
