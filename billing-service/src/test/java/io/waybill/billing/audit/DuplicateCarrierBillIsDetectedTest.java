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
import static io.waybill.billing.BillingDatabase.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DuplicateCarrierBillIsDetectedTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void theSameBillSentAgainIsRefusedAndTheSameChargesUnderANewNumberAreDisputed() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String number = "DHL-" + UUID.randomUUID();

        // Freight and fuel add up to the quote: approved without review.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(number, shipment.trackingNumber))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("APPROVED", "APPROVED"))
                .body("lines.shipmentId", contains(shipment.shipmentId, shipment.shipmentId))
                .body("total.amount", equalTo(7.10f));

        // The very same bill again (a resend, a second upload): refused, nothing stored twice.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(number, shipment.trackingNumber))
                .when().post("/carrier-bills")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/carrier-bill-duplicate"))
                .body("errors.field", hasItem("carrierInvoiceNumber"));
        assertEquals(1, count("SELECT count(*) FROM carrier_bill WHERE carrier_invoice_number = ?", number));

        // The same charges under a new invoice number: taken in, but both lines go to review as duplicates.
        String again = "DHL-" + UUID.randomUUID();
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(again, shipment.trackingNumber))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("DISPUTED", "DISPUTED"))
                .body("lines.disputeReason", contains("DUPLICATE_BILL", "DUPLICATE_BILL"));

        given().auth().oauth2(AUDITOR)
                .when().get("/disputes?carrierId=dhl&status=OPEN&limit=1000")
                .then().statusCode(200)
                .body("findAll { it.shipmentId == '" + shipment.shipmentId + "' }.reason",
                        contains("DUPLICATE_BILL", "DUPLICATE_BILL"))
                .body("findAll { it.shipmentId == '" + shipment.shipmentId + "' }.expected.amount",
                        contains(0.0f, 0.0f))
                .body("findAll { it.shipmentId == '" + shipment.shipmentId + "' }[0].resolvedAt", nullValue());
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-opened.v1", "%" + shipment.shipmentId + "%"));
    }

    private static String bill(String number, String trackingNumber) {
        return """
                {"carrierId": "dhl", "carrierInvoiceNumber": "%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                 "lines": [
                   {"trackingNumber": "%s", "code": "FREIGHT", "description": "Paket 5 kg", "amount": 6.50},
                   {"trackingNumber": "%s", "code": "FUEL", "amount": 0.60}
                 ]}""".formatted(number, trackingNumber, trackingNumber);
    }
}
