package io.waybill.billing.ops;

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
import static io.waybill.billing.BillingDatabase.execute;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OperatorViewsShowUnbilledDeliveriesDisputesAndMarginsTest {

    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");
    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");

    @Inject
    StreamPublisher publisher;

    @Test
    void aPerOrderCustomerIsInvoicedOnceEveryShipmentOfTheOrderIsDelivered() {
        String orderId = ShipmentEventsFixture.newOrderId();
        ShipmentEventsFixture first = Journeys.booked(publisher, "CUST-GLOBEX", orderId, "dhl", "7.00");
        ShipmentEventsFixture second = Journeys.booked(publisher, "CUST-GLOBEX", orderId, "ups", "7.00");

        first.delivered(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE shipment_id = ? AND delivered_at IS NOT NULL",
                first.shipmentId) == 1);
        // Delivered but not billed: the order's other shipment is still on its way.
        given().auth().oauth2(AUDITOR).when().get("/ops/unbilled-shipments?limit=5000")
                .then().statusCode(200)
                .body("shipmentId", hasItem(first.shipmentId))
                .body("find { it.shipmentId == '" + first.shipmentId + "' }.waitingFor",
                        containsString("other shipments of its order"));

        second.delivered(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM invoice WHERE invoicing_key = ?", "order:" + orderId) == 1);
        String invoiceId = io.waybill.billing.BillingDatabase.single(
                "SELECT id FROM invoice WHERE invoicing_key = ?", "order:" + orderId);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("shipmentIds", containsInAnyOrder(first.shipmentId, second.shipmentId))
                .body("lines.code", contains("FREIGHT", "FUEL", "FREIGHT", "FUEL"));
        given().auth().oauth2(AUDITOR).when().get("/ops/unbilled-shipments?limit=5000")
                .then().statusCode(200)
                .body("shipmentId", not(hasItem(first.shipmentId)));
    }

    @Test
    void openDisputesAreCountedByCarrierAndMarginsUseWhatTheCarrierBilled() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 6);
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"carrierId": "%s", "carrierInvoiceNumber": "B-1", "invoiceDate": "2026-11-24", "currency": "EUR",
                         "lines": [{"trackingNumber": "%s", "code": "FREIGHT", "amount": 6.05},
                                   {"trackingNumber": "%s", "code": "DETENTION", "amount": 40.00},
                                   {"trackingNumber": "%s", "code": "WAITING_TIME", "amount": 3.00},
                                   {"trackingNumber": "NOT-OURS-YET", "code": "FREIGHT", "amount": 5.00}]}"""
                        .formatted(carrier, shipment.trackingNumber, shipment.trackingNumber, shipment.trackingNumber))
                .when().post("/carrier-bills")
                .then().statusCode(201);

        given().auth().oauth2(AUDITOR).when().get("/ops/open-disputes-by-carrier")
                .then().statusCode(200)
                .body("find { it.carrierId == '" + carrier + "' }.open", equalTo(2))
                .body("find { it.carrierId == '" + carrier + "' }.underOneDay", equalTo(2))
                .body("find { it.carrierId == '" + carrier + "' }.overSevenDays", equalTo(0))
                .body("find { it.carrierId == '" + carrier + "' }.billed[0].amount", equalTo(43.00f));

        // Charged 7.40 + 0.63 under ACME's agreement; the carrier's approved bill is 6.05 (the disputed detention
        // is not a cost until accepted).
        given().auth().oauth2(AUDITOR).when().get("/ops/margins?shipmentId=" + shipment.shipmentId)
                .then().statusCode(200)
                .body("[0].revenue.amount", equalTo(8.03f))
                .body("[0].carrierCost.amount", equalTo(6.05f))
                .body("[0].costFromCarrierBill", equalTo(true))
                .body("[0].margin.amount", equalTo(1.98f))
                .body("[0].marginPercent", equalTo(24.7f));

        await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/q/metrics").then().extract().asString()
                .lines().anyMatch(l -> l.startsWith("waybill_freight_disputes_open ")
                        && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) >= 2));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("waybill_shipments_delivered_unbilled"));
    }

    @Test
    void openDisputesAreBucketedByAgeUnderOneDayOneToSevenDaysAndOverSevenDays() {
        String carrier = "carrier-" + UUID.randomUUID().toString().substring(0, 6);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append(i == 0 ? "" : ", ").append("{\"trackingNumber\": \"UNKNOWN-%d\", \"code\": \"FREIGHT\", \"amount\": 1.00}"
                    .formatted(i));
        }
        String billId = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body("""
                        {"carrierId": "%s", "carrierInvoiceNumber": "B-AGE", "invoiceDate": "2026-11-24", "currency": "EUR",
                         "lines": [%s]}""".formatted(carrier, lines))
                .when().post("/carrier-bills")
                .then().statusCode(201).extract().path("billId");
        // Unknown tracking numbers wait for their shipment first; past the grace period the sweep disputes them.
        execute("UPDATE carrier_bill SET received_at = received_at - interval '3 days 1 minute' WHERE id = ?::uuid", billId);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM freight_dispute WHERE bill_id = ?::uuid AND status = 'OPEN'", billId) == 5);
        // One fresh, one opened 23 hours ago, then just past each bucket's edge: a day and a minute, a week and a
        // minute; and one a month old.
        age(billId, "UNKNOWN-1", "23 hours");
        age(billId, "UNKNOWN-2", "1 day 1 minute");
        age(billId, "UNKNOWN-3", "7 days 1 minute");
        age(billId, "UNKNOWN-4", "30 days");

        String oldest = given().auth().oauth2(AUDITOR).when().get("/ops/open-disputes-by-carrier")
                .then().statusCode(200)
                .body("find { it.carrierId == '" + carrier + "' }.open", equalTo(5))
                .body("find { it.carrierId == '" + carrier + "' }.underOneDay", equalTo(2))
                .body("find { it.carrierId == '" + carrier + "' }.oneToSevenDays", equalTo(1))
                .body("find { it.carrierId == '" + carrier + "' }.overSevenDays", equalTo(2))
                .extract().path("find { it.carrierId == '" + carrier + "' }.oldestOpenedAt");
        assertEquals(30, Duration.between(Instant.parse(oldest), Instant.now()).toDays(), oldest);
    }

    private static void age(String billId, String trackingNumber, String interval) {
        execute("UPDATE freight_dispute SET opened_at = now() - ?::interval WHERE bill_id = ?::uuid AND tracking_number = ?",
                interval, billId, trackingNumber);
    }
}
