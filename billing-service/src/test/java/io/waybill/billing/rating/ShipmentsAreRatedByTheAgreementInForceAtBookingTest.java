package io.waybill.billing.rating;

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

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ShipmentsAreRatedByTheAgreementInForceAtBookingTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void aNewAgreementPricesLaterBookingsAndLeavesEarlierChargesAlone() {
        String customerId = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        putAgreement(customerId, "10.00");
        ShipmentEventsFixture before = Journeys.booked(publisher, customerId, ShipmentEventsFixture.newOrderId(),
                "dhl", "8.00");

        putAgreement(customerId, "12.00");
        ShipmentEventsFixture after = Journeys.booked(publisher, customerId, ShipmentEventsFixture.newOrderId(),
                "dhl", "8.00");

        // Fuel 12.5 % of 10.00 = 1.25; of 12.00 = 1.50.
        given().auth().oauth2(FINANCE).when().get("/invoices/" + Journeys.invoiced(publisher, before))
                .then().statusCode(200)
                .body("lines.amount.amount", contains(10.00f, 1.25f))
                .body("total.amount", equalTo(11.25f));
        given().auth().oauth2(FINANCE).when().get("/invoices/" + Journeys.invoiced(publisher, after))
                .then().statusCode(200)
                .body("lines.amount.amount", contains(12.00f, 1.50f))
                .body("total.amount", equalTo(13.50f));
        given().auth().oauth2(AUDITOR).when().get("/rate-agreements/" + customerId)
                .then().statusCode(200).body("revision", equalTo(2)).body("updatedBy", equalTo("finance"));
    }

    @Test
    void aCustomerWithoutAgreementIsDeliveredButLeftUnbilledWithTheReason() {
        String customerId = "CUST-NOAGREEMENT-" + UUID.randomUUID().toString().substring(0, 6);
        ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, customerId,
                ShipmentEventsFixture.newOrderId(), "dhl");
        shipment.bookingRequested();
        shipment.booked("8.00");
        shipment.delivered(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE shipment_id = ? AND charge_status = 'UNRATED'"
                        + " AND delivered_at IS NOT NULL", shipment.shipmentId) == 1);

        given().auth().oauth2(AUDITOR).when().get("/ops/unbilled-shipments?limit=5000")
                .then().statusCode(200)
                .body("find { it.shipmentId == '" + shipment.shipmentId + "' }.chargeStatus", equalTo("UNRATED"))
                .body("find { it.shipmentId == '" + shipment.shipmentId + "' }.waitingFor",
                        containsString("has no rate agreement"));
        org.junit.jupiter.api.Assertions.assertNull(single(
                "SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", shipment.shipmentId));
    }

    private static void putAgreement(String customerId, String standardZone1Price) {
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"currency": "EUR", "billingTerms": "PER_SHIPMENT", "paymentTermDays": 14,
                         "fuelSurchargePercent": 12.5, "zones": {"DE": "Z1"}, "defaultZone": "Z2",
                         "baseRates": [{"serviceLevel": "STANDARD", "zone": "Z1", "upToKg": 10, "price": %s}],
                         "accessorials": {}}""".formatted(standardZone1Price))
                .when().put("/rate-agreements/" + customerId)
                .then().statusCode(200);
    }
}
