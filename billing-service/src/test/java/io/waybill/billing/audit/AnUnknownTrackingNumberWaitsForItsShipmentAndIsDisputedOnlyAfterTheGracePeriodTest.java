package io.waybill.billing.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.execute;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tracking number billing does not know may only not be known yet: the line waits
 * ({@code waybill.billing.audit.unknown-shipment-grace}, 3 days) instead of going straight to the review queue, and
 * the sweep disputes it as an unknown shipment once the grace has passed since the bill arrived.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AnUnknownTrackingNumberWaitsForItsShipmentAndIsDisputedOnlyAfterTheGracePeriodTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Test
    void aLineForAnUnknownTrackingNumberWaitsWithoutADispute() {
        String carrier = carrier();
        String billId = postBill(carrier, "TRK-NOT-YET-" + UUID.randomUUID());

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("AWAITING_SHIPMENT"))
                .body("lines.disputeId", contains((Object) null));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-opened.v1", "%" + billId + "%"));
    }

    @Test
    void aLineStillUnknownAfterTheGracePeriodIsDisputedAsAnUnknownShipmentAndOnlyThen() {
        String carrier = carrier();
        String trackingNumber = "TRK-NEVER-" + UUID.randomUUID();
        String pastGrace = postBill(carrier, trackingNumber);
        String withinGrace = postBill(carrier, trackingNumber);
        age(pastGrace, "3 days 1 minute");
        age(withinGrace, "2 days 23 hours");

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM carrier_bill_line WHERE bill_id = ?::uuid AND audit_status = 'DISPUTED'",
                pastGrace) == 1);

        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + pastGrace)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("DISPUTED"))
                .body("lines.disputeReason", contains("UNKNOWN_SHIPMENT"));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200)
                .body("reason", contains("UNKNOWN_SHIPMENT"))
                .body("carrierBillId", contains(pastGrace))
                .body("detail", contains("No shipment booked with this carrier has tracking number " + trackingNumber
                        + ", 3 days after the bill arrived"));
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-opened.v1", "%" + pastGrace + "%"));
        // The sweep that disputed the first looked at the second too: not yet due, it still waits.
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + withinGrace)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("AWAITING_SHIPMENT"));

        // Later sweeps dispute nothing twice.
        age(withinGrace, "1 hour 1 minute");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM carrier_bill_line WHERE bill_id = ?::uuid AND audit_status = 'DISPUTED'",
                withinGrace) == 1);
        assertEquals(2, count("SELECT count(*) FROM freight_dispute WHERE carrier_id = ?", carrier));
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-opened.v1", "%" + trackingNumber + "%"));
    }

    private static void age(String billId, String interval) {
        execute("UPDATE carrier_bill SET received_at = received_at - ?::interval WHERE id = ?::uuid", interval, billId);
    }

    private static String carrier() {
        return "carrier-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String postBill(String carrier, String trackingNumber) {
        return given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                         "lines": [{"trackingNumber": "%s", "code": "FREIGHT", "amount": 4.00}]}"""
                        .formatted(carrier, UUID.randomUUID(), trackingNumber))
                .when().post("/carrier-bills")
                .then().statusCode(201).extract().path("billId");
    }
}
