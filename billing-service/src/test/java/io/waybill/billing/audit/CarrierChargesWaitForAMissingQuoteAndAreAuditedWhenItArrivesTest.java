package io.waybill.billing.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.model.Money;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class CarrierChargesWaitForAMissingQuoteAndAreAuditedWhenItArrivesTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void aBillForAShipmentWithoutAQuoteIsNotDisputedButAuditedOnceTheQuoteArrives() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, "CUST-ACME",
                ShipmentEventsFixture.newOrderId(), carrier);
        shipment.bookingRequested();
        shipment.booked((Money) null);
        Journeys.rated(shipment);

        String billId = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(carrier, "EUR", shipment.trackingNumber, "7.00", "0.50"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("AWAITING_QUOTE", "AWAITING_QUOTE"))
                .body("lines.disputeId", contains(null, null))
                .extract().path("billId");
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());

        // The booking reported again, now with the carrier's cost: quote 7.00, tolerance 2 % = 0.14.
        shipment.booked("7.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM carrier_bill_line WHERE bill_id = ?::uuid AND audit_status = 'AWAITING_QUOTE'",
                billId) == 0);
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("APPROVED", "DISPUTED"))
                .body("lines.disputeReason", contains(null, "OVERCHARGE"));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200)
                .body("reason", contains("OVERCHARGE"))
                .body("code", contains("FUEL"))
                .body("billed.amount", contains(0.50f));
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.freight-dispute-opened.v1", "%" + shipment.trackingNumber + "%"));
    }

    @Test
    void aBillInAnotherCurrencyThanTheQuoteIsDisputedAsACurrencyMismatch() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "7.00");
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(carrier, "USD", shipment.trackingNumber, "7.00", "0.10"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.disputeReason", contains("CURRENCY_MISMATCH", "CURRENCY_MISMATCH"));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("reason", contains("CURRENCY_MISMATCH", "CURRENCY_MISMATCH"))
                .body("[0].detail", equalTo("Billed in USD but quoted in EUR"));
    }

    private static String bill(String carrier, String currency, String trackingNumber, String freight, String fuel) {
        return """
                {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "%s",
                 "lines": [{"trackingNumber": "%s", "code": "FREIGHT", "amount": %s},
                           {"trackingNumber": "%s", "code": "FUEL", "amount": %s}]}"""
                .formatted(carrier, UUID.randomUUID(), currency, trackingNumber, freight, trackingNumber, fuel);
    }
}
