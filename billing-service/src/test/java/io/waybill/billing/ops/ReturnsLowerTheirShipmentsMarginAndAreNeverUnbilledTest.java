package io.waybill.billing.ops;

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
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReturnsLowerTheirShipmentsMarginAndAreNeverUnbilledTest {

    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");
    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");

    @Inject
    StreamPublisher publisher;

    @Test
    void theReturnLabelIsACostOfTheShipmentItReturnsFromAtWhatTheCarrierBilled() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentEventsFixture outbound = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        ShipmentEventsFixture.Return ret = outbound.returnAuthorized(Money.of("5.50", "EUR"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE shipment_id = ?", ret.shipmentId()) == 1);

        // Before the carrier bills it, the label's quote is the return's cost: 8.03 - 6.00 - 5.50.
        given().auth().oauth2(AUDITOR).when().get("/ops/margins?shipmentId=" + outbound.shipmentId)
                .then().statusCode(200)
                .body("[0].revenue.amount", equalTo(8.03f))
                .body("[0].carrierCost.amount", equalTo(6.00f))
                .body("[0].returnCost.amount", equalTo(5.50f))
                .body("[0].margin.amount", equalTo(-3.47f));

        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                         "lines": [{"trackingNumber": "%s", "code": "FREIGHT", "amount": 5.55}]}"""
                        .formatted(carrier, UUID.randomUUID(), ret.trackingNumber()))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("APPROVED"));

        // Once billed and approved, what the carrier billed: 8.03 - 6.00 - 5.55 = -3.52, -43.8 % of the revenue.
        given().auth().oauth2(AUDITOR).when().get("/ops/margins?shipmentId=" + outbound.shipmentId)
                .then().statusCode(200)
                .body("[0].returnCost.amount", equalTo(5.55f))
                .body("[0].margin.amount", equalTo(-3.52f))
                .body("[0].marginPercent", equalTo(-43.8f));
        // The return is a cost, not a shipment that earns anything: no margin line of its own.
        given().auth().oauth2(AUDITOR).when().get("/ops/margins?shipmentId=" + ret.shipmentId())
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void aReturnNeitherHoldsUpItsOrdersInvoiceNorIsListedAsDeliveredButUnbilled() {
        String orderId = ShipmentEventsFixture.newOrderId();
        ShipmentEventsFixture first = Journeys.booked(publisher, "CUST-GLOBEX", orderId, "dhl", "7.00");
        ShipmentEventsFixture second = Journeys.booked(publisher, "CUST-GLOBEX", orderId, "dhl", "7.00");
        first.delivered(Instant.now());

        // Goods of the first shipment come back while the second is still on its way; GLOBEX is invoiced per order.
        ShipmentEventsFixture.Return ret = first.returnAuthorized(Money.of("5.00", "EUR"));
        ret.deliveredBack(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE shipment_id = ? AND delivered_at IS NOT NULL",
                ret.shipmentId()) == 1);
        given().auth().oauth2(AUDITOR).when().get("/ops/unbilled-shipments?limit=5000")
                .then().statusCode(200)
                .body("shipmentId", hasItem(first.shipmentId))
                .body("shipmentId", not(hasItem(ret.shipmentId())));

        second.delivered(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM invoice WHERE invoicing_key = ?", "order:" + orderId) == 1);
        String invoiceId = single("SELECT id FROM invoice WHERE invoicing_key = ?", "order:" + orderId);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("shipmentIds", containsInAnyOrder(first.shipmentId, second.shipmentId))
                .body("lines.code", contains("FREIGHT", "FUEL", "FREIGHT", "FUEL"));
        given().auth().oauth2(AUDITOR).when().get("/ops/unbilled-shipments?limit=5000")
                .then().statusCode(200)
                .body("shipmentId", not(hasItem(first.shipmentId)))
                .body("shipmentId", not(hasItem(ret.shipmentId())));
    }
}
