package io.waybill.billing.audit;

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
import static io.waybill.billing.BillingDatabase.single;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CUST-ACME's agreement prices residential delivery at 3.50. The carrier bills 4.00; an operator accepts it with an
 * internal note. The customer pays the agreed 3.50, on a line in its own words: no carrier, no internal note.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AnAcceptedAccessorialReachesTheCustomerAtTheAgreedPriceInCustomerWordingTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void afterInvoicingItIsADebitNoteAtTheAgreedPriceThatNamesNeitherCarrierNorInternalNote() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 8);
        String internalNote = "Driver photo " + UUID.randomUUID() + " shows a villa; carrier rep Bob agreed";
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);

        accept(residentialDispute(carrier, shipment.trackingNumber), internalNote);

        String description = "Residential delivery, shipment " + shipment.trackingNumber;
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("notes.kind", contains("DEBIT"))
                .body("notes[0].lines.code", contains("RESIDENTIAL"))
                .body("notes[0].lines.amount.amount", contains(3.50f))
                .body("notes[0].lines.description", contains(description))
                .body("balance.amount", equalTo(11.53f));
        String event = single("SELECT envelope FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.debit-note-issued.v1", invoiceId);
        assertNotNull(event);
        assertTrue(event.contains(description), event);
        assertFalse(event.contains(carrier), "the carrier reaches the customer's debit note: " + event);
        assertFalse(event.contains(internalNote), "the operator's note reaches the customer's debit note: " + event);
        assertFalse(event.contains("Bob"), event);
    }

    @Test
    void beforeInvoicingItIsAnInvoiceLineAtTheAgreedPriceInCustomerWording() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "7.10");
        accept(residentialDispute(carrier, shipment.trackingNumber), "Internal: checked with " + carrier);

        String invoiceId = Journeys.invoiced(publisher, shipment);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("lines.code", contains("FREIGHT", "FUEL", "RESIDENTIAL"))
                .body("lines.amount.amount", contains(7.40f, 0.63f, 3.50f))
                .body("lines[2].description", equalTo("Residential delivery, shipment " + shipment.trackingNumber))
                .body("total.amount", equalTo(11.53f));
        String event = single("SELECT envelope FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.invoice-issued.v1", invoiceId);
        assertFalse(event.contains(carrier), event);
    }

    private static String residentialDispute(String carrier, String trackingNumber) {
        return given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                         "lines": [{"trackingNumber": "%s", "code": "RESIDENTIAL", "amount": 4.00}]}"""
                        .formatted(carrier, UUID.randomUUID(), trackingNumber))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.disputeReason", contains("UNQUOTED_ACCESSORIAL"))
                .extract().path("lines[0].disputeId");
    }

    private static void accept(String disputeId, String note) {
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body("{\"note\": \"%s\"}".formatted(note))
                .when().post("/disputes/" + disputeId + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }
}
