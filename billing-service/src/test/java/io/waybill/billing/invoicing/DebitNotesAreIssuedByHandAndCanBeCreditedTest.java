package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DebitNotesAreIssuedByHandAndCanBeCreditedTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String READER = Tokens.client("billing-service", "portal-api", "billing.read");

    @Inject
    StreamPublisher publisher;

    @Test
    void financeChargesMoreOnAPostedInvoiceAndCanReverseItAgain() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);
        String debits = "/invoices/" + invoiceId + "/debit-notes";
        String credits = "/invoices/" + invoiceId + "/credit-notes";

        String debitNote = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"reason": "Waiting time agreed with your warehouse",
                         "lines": [{"shipmentId": "%s", "code": "WAITING_TIME", "description": "Waiting time 30 min",
                                    "amount": 12.50}]}""".formatted(shipment.shipmentId))
                .when().post(debits)
                .then().statusCode(201)
                .body("kind", equalTo("DEBIT"))
                .body("number", startsWith("DN-"))
                .body("lines.code", contains("WAITING_TIME"))
                .body("lines.invoiceLineNumber", contains(nullValue()))
                .body("total.amount", equalTo(12.50f))
                .extract().path("number");
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.debit-note-issued.v1", invoiceId));

        // Part of the debit line reversed, then more than is left of it.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"reason": "Waiting time reduced to 24 min",
                         "lines": [{"debitNoteNumber": "%s", "debitNoteLineNumber": 1, "amount": 2.50}]}"""
                        .formatted(debitNote))
                .when().post(credits)
                .then().statusCode(201)
                .body("kind", equalTo("CREDIT"))
                .body("lines.code", contains("WAITING_TIME"))
                .body("total.amount", equalTo(2.50f));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"reason": "too much",
                         "lines": [{"debitNoteNumber": "%s", "debitNoteLineNumber": 1, "amount": 10.01}]}"""
                        .formatted(debitNote))
                .when().post(credits)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("lines[0].amount"));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"x\", \"lines\": [{\"debitNoteNumber\": \"DN-0\", \"debitNoteLineNumber\": 1}]}")
                .when().post(credits)
                .then().statusCode(422).body("errors.field", hasItem("lines[0].debitNoteLineNumber"));

        // Reversing everything that is left covers the invoice's lines and what is left of the debit note.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"Order cancelled by agreement\"}")
                .when().post(credits)
                .then().statusCode(201)
                .body("lines.code", contains("FREIGHT", "FUEL", "WAITING_TIME"))
                .body("lines.amount.amount", contains(7.40f, 0.63f, 10.00f));
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("total.amount", equalTo(8.03f))
                .body("notes.kind", contains("DEBIT", "CREDIT", "CREDIT"))
                .body("balance.amount", equalTo(0.0f));
    }

    @Test
    void aFaultyDebitNoteIsRefusedAsProblemJsonAndNothingIsIssued() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);
        String debits = "/invoices/" + invoiceId + "/debit-notes";

        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"reason": "r", "lines": [
                          {"shipmentId": "SHP-NOT-ON-IT", "code": "DETENTION", "description": "d", "amount": 1.00},
                          {"code": "DETENTION", "description": "d", "amount": 1.234},
                          {"code": "DETENTION", "description": "d", "amount": -3}]}""")
                .when().post(debits)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", contains("lines[0].shipmentId", "lines[1].amount", "lines[2].amount"));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"lines\": [{\"code\": \"DETENTION\", \"description\": \"d\", \"amount\": 1}]}")
                .when().post(debits)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("reason")));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"r\", \"lines\": [{\"code\": \"DETENTION\", \"description\": \"d\", \"amount\": 1}]}")
                .when().post("/invoices/" + UUID.randomUUID() + "/debit-notes")
                .then().statusCode(404).contentType("application/problem+json");
        // Reading invoices is not enough to charge a customer.
        given().auth().oauth2(READER).contentType(ContentType.JSON)
                .body("{\"reason\": \"r\", \"lines\": [{\"code\": \"DETENTION\", \"description\": \"d\", \"amount\": 1}]}")
                .when().post(debits)
                .then().statusCode(403);
        assertEquals(0, count("SELECT count(*) FROM adjustment_note WHERE invoice_id = ?::uuid", invoiceId));
    }

    @Test
    void theDebitNoteEndpointIsInTheOpenApiDocumentWithItsErrors() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/invoices/{invoiceId}/debit-notes'.post.summary", containsString("Charge the customer"))
                .body("paths.'/invoices/{invoiceId}/debit-notes'.post.responses.'422'.content",
                        org.hamcrest.Matchers.hasKey("application/problem+json"));
    }
}
