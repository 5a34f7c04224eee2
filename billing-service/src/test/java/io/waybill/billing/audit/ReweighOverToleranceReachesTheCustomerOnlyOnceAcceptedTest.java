package io.waybill.billing.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReweighOverToleranceReachesTheCustomerOnlyOnceAcceptedTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void aReweighAboveToleranceWaitsForAnOperatorAndThenBecomesADebitNote() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);

        JsonPath bill = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(shipment.trackingNumber, "7.10", "5.00", "4.00"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.code", contains("FREIGHT", "REWEIGH", "RESIDENTIAL"))
                .body("lines.auditStatus", contains("APPROVED", "DISPUTED", "DISPUTED"))
                .body("lines.disputeReason", contains(null, "OVERCHARGE", "UNQUOTED_ACCESSORIAL"))
                .extract().jsonPath();
        String reweighDispute = bill.getString("lines[1].disputeId");
        String residentialDispute = bill.getString("lines[2].disputeId");

        // In review, the customer's invoice is exactly what it was: no note, the same balance.
        assertInvoiceUntouched(invoiceId).body("notes", empty()).body("balance.amount", equalTo(8.03f));
        given().auth().oauth2(AUDITOR).when().get("/disputes/" + reweighDispute)
                .then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("billed.amount", equalTo(5.00f))
                .body("expected.amount", equalTo(0.0f));

        // Refused accessorial: never reaches the customer.
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body("{\"note\": \"Consignee is a business address\"}")
                .when().post("/disputes/" + residentialDispute + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("resolvedBy", equalTo("ops-anna"));
        assertInvoiceUntouched(invoiceId).body("notes", empty());

        // Accepted re-weigh: passed on at the carrier's cost (ACME's agreement has no re-weigh price), as a debit
        // note; the posted invoice itself does not change.
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body("{\"note\": \"Hub scale ticket shows 9 kg\"}")
                .when().post("/disputes/" + reweighDispute + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        assertInvoiceUntouched(invoiceId)
                .body("notes", hasSize(1))
                .body("notes[0].kind", equalTo("DEBIT"))
                .body("notes[0].lines.code", contains("REWEIGH"))
                .body("notes[0].lines.amount.amount", contains(5.00f))
                .body("notes[0].total.amount", equalTo(5.00f))
                .body("balance.amount", equalTo(13.03f));
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.debit-note-issued.v1", invoiceId));
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-resolved.v1", "%" + shipment.shipmentId + "%"));

        // A decision is final: accepting again is a conflict and issues no second note.
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body("{\"note\": \"again\"}")
                .when().post("/disputes/" + reweighDispute + "/accept")
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(1, count("SELECT count(*) FROM adjustment_note WHERE invoice_id = ?::uuid", invoiceId));
    }

    @Test
    void aReweighAcceptedBeforeDeliveryIsOnTheInvoiceItself() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String dispute = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(shipment.trackingNumber, "7.10", "3.20", null))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("APPROVED", "DISPUTED"))
                .extract().jsonPath().getString("lines[1].disputeId");
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body("{\"note\": \"Confirmed by the carrier's photo\"}")
                .when().post("/disputes/" + dispute + "/accept")
                .then().statusCode(200);

        String invoiceId = Journeys.invoiced(publisher, shipment);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("lines.code", contains("FREIGHT", "FUEL", "REWEIGH"))
                .body("lines.amount.amount", contains(7.40f, 0.63f, 3.20f))
                .body("total.amount", equalTo(11.23f))
                .body("notes", empty());
    }

    private static io.restassured.response.ValidatableResponse assertInvoiceUntouched(String invoiceId) {
        return given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("lines.code", contains("FREIGHT", "FUEL"))
                .body("lines.amount.amount", contains(7.40f, 0.63f))
                .body("total.amount", equalTo(8.03f));
    }

    private static String bill(String trackingNumber, String freight, String reweigh, String residential) {
        String number = "DHL-" + UUID.randomUUID();
        String lines = """
                {"trackingNumber": "%s", "code": "FREIGHT", "amount": %s},
                {"trackingNumber": "%s", "code": "REWEIGH", "description": "Re-weigh 4 kg to 9 kg", "amount": %s}"""
                .formatted(trackingNumber, freight, trackingNumber, reweigh);
        if (residential != null) {
            lines += ", {\"trackingNumber\": \"%s\", \"code\": \"RESIDENTIAL\", \"amount\": %s}"
                    .formatted(trackingNumber, residential);
        }
        return """
                {"carrierId": "dhl", "carrierInvoiceNumber": "%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                 "lines": [%s]}""".formatted(number, lines);
    }
}
