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

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.execute;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class CreditNoteReversesExactlyWhatItNamesTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");

    @Inject
    StreamPublisher publisher;

    @Test
    void creditsReverseTheNamedLinesAndNeverMoreThanWasInvoiced() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);
        String path = "/invoices/" + invoiceId + "/credit-notes";

        // Waive the fuel surcharge: exactly line 2, exactly its amount.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"Fuel surcharge waived\", \"lines\": [{\"invoiceLineNumber\": 2}]}")
                .when().post(path)
                .then().statusCode(201)
                .body("kind", equalTo("CREDIT"))
                .body("number", containsString("CN-"))
                .body("lines.invoiceLineNumber", contains(2))
                .body("lines.code", contains("FUEL"))
                .body("lines.amount.amount", contains(0.63f))
                .body("total.amount", equalTo(0.63f));

        // The same line again: nothing left to credit.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"again\", \"lines\": [{\"invoiceLineNumber\": 2}]}")
                .when().post(path)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("lines[0].amount"));

        // Part of the freight, then more than what is left of it.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"Late delivery goodwill\", \"lines\": [{\"invoiceLineNumber\": 1, \"amount\": 2.00}]}")
                .when().post(path)
                .then().statusCode(201).body("total.amount", equalTo(2.00f));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"too much\", \"lines\": [{\"invoiceLineNumber\": 1, \"amount\": 5.41}]}")
                .when().post(path)
                .then().statusCode(422).body("errors.field", hasItem("lines[0].amount"));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"no such line\", \"lines\": [{\"invoiceLineNumber\": 9}]}")
                .when().post(path)
                .then().statusCode(422).body("errors.field", hasItem("lines[0].invoiceLineNumber"));

        // Reverse the rest: only what is still open (5.40 of the freight), and the balance is zero.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"Shipment returned, charge cancelled\"}")
                .when().post(path)
                .then().statusCode(201)
                .body("lines.invoiceLineNumber", contains(1))
                .body("lines.amount.amount", contains(5.40f));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("{\"reason\": \"once more\"}")
                .when().post(path)
                .then().statusCode(409);

        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("total.amount", equalTo(8.03f))
                .body("lines.amount.amount", contains(7.40f, 0.63f))
                .body("notes.kind", contains("CREDIT", "CREDIT", "CREDIT"))
                .body("balance.amount", equalTo(0.0f));
        assertEquals(3, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.credit-note-issued.v1", invoiceId));
    }

    @Test
    void postedFiguresCannotBeEditedEvenInTheDatabase() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);

        assertThrows(IllegalStateException.class, () -> execute(
                "UPDATE invoice_line SET amount = 1 WHERE invoice_id = ?::uuid", invoiceId));
        assertThrows(IllegalStateException.class, () -> execute(
                "UPDATE invoice SET total_amount = 1 WHERE id = ?::uuid", invoiceId));
        assertThrows(IllegalStateException.class, () -> execute(
                "DELETE FROM invoice_line WHERE invoice_id = ?::uuid", invoiceId));
        // The payment state is the one thing that moves.
        execute("UPDATE invoice SET payment_state = 'IN_PAYMENT' WHERE id = ?::uuid", invoiceId);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("total.amount", equalTo(8.03f))
                .body("payment.state", equalTo("IN_PAYMENT"));
    }
}
