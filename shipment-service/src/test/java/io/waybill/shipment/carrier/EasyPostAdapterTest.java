package io.waybill.shipment.carrier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.ShipmentCancellationRequested;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Address;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.EasyPostStub;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.shipment.tracking.signature.EasyPostSignature;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The EasyPost adapter against a stub that answers with EasyPost's documented v2 payloads. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class EasyPostAdapterTest {

    @Inject
    TestEvents events;

    @Test
    void bookingBuysTheCheapestRateOfTheRequestedLevelAndKeepsItsLabel() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.STANDARD, "easypost"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        assertThat(shipment.get("service_code"), is("USPS/GroundAdvantage"));
        assertThat((BigDecimal) shipment.get("quoted_amount"), comparesEqualTo(new BigDecimal("5.93")));
        assertThat(shipment.get("quoted_currency"), is("USD"));
        assertThat((String) shipment.get("tracking_number"), startsWith("9400100"));
        // EasyPost is told the parcel in ounces and inches: 2.5 kg, 40 x 30 x 20 cm.
        var parcel = EasyPostStub.get().shipment((String) shipment.get("carrier_shipment_ref")).path("parcel");
        assertThat(parcel.path("weight").decimalValue(), comparesEqualTo(new BigDecimal("88.2")));
        assertThat(parcel.path("length").decimalValue(), comparesEqualTo(new BigDecimal("15.8")));

        given().auth().oauth2(Tokens.client("shipment-service", "warehouse-app", "shipments.read"))
                .when().get("/shipments/" + shipment.get("id") + "/label")
                .then().statusCode(200).contentType("application/pdf").body(startsWith("%PDF-1.4"));
    }

    @Test
    void aPurchaseWhoseAnswerWasLostIsLookedUpInsteadOfBoughtAgain() {
        EasyPostStub stub = EasyPostStub.get();
        stub.loseNextPurchaseResponses.set(1);
        int purchasesBefore = stub.purchases.get();

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.EXPRESS, "easypost"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        assertThat(stub.purchases.get() - purchasesBefore, is(1));
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        assertThat(shipment.get("service_code"), is("USPS/Priority"));
        assertThat(shipment.get("tracking_number"),
                is(stub.shipment((String) shipment.get("carrier_shipment_ref")).path("tracking_code").asText()));
    }

    @Test
    void anAddressEasyPostCannotVerifyFailsTheBookingWithItsReason() {
        String order = Shipping.newOrderId();
        Address nowhere = new Address("Nobody", null, "1 Nowhere Rd", null, "Nowhere", "NV", "00000", "US", null, null);
        Shipping.requestBooking(events, Shipping.bookingRequest(order, nowhere, ServiceLevel.STANDARD, "easypost"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("FAILED"));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_BOOKING_FAILED.name(), order).get(0),
                containsString("rejected: HTTP 422"));
    }

    @Test
    void aTrackerUpdatedEventBecomesCanonicalMilestonesWithProofOfDelivery() throws IOException {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.STANDARD, "easypost"));
        Shipping.awaitBookingOutcome(order);
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        String shipmentId = (String) shipment.get("id");

        postEvent(trackerEvent((String) shipment.get("tracking_number")));
        // EasyPost sends the whole history again with the next update: nothing new is recorded.
        postEvent(trackerEvent((String) shipment.get("tracking_number")));
        Shipping.awaitWebhooksProcessed();

        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId + "/tracking").then().statusCode(200)
                .body("milestone", is(java.util.List.of("PRE_TRANSIT", "PRE_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY",
                        "DELIVERED")))
                .body("carrierStatus[2]", is("in_transit.arrived_at_facility"))
                .body("location[4]", is("CHARLESTON, SC, 29401"));
        Map<String, Object> state = Db.one("SELECT status, signer FROM shipment WHERE id = ?", shipmentId);
        assertThat(state.get("status"), is("DELIVERED"));
        assertThat(state.get("signer"), is("John Tester"));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), shipmentId), hasSize(1));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(5));
    }

    @Test
    void aSubmittedRefundIsPendingAndTheShipmentIsCancelledOnlyOnceEasyPostRefundedIt() {
        Map<String, Object> shipment = easyPostShipment();
        String shipmentId = (String) shipment.get("id");

        requestCancellation(shipment);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.one("SELECT void_submitted_at FROM shipment WHERE id = ?", shipmentId).get("void_submitted_at") != null);
        assertThat(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status"), is("PRE_TRANSIT"));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_CANCELLED.name(), shipmentId), hasSize(0));

        EasyPostStub.get().settleRefund((String) shipment.get("carrier_shipment_ref"), "refunded");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "CANCELLED".equals(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status")));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_CANCELLED.name(), shipmentId), hasSize(1));
    }

    @Test
    void aRejectedRefundIsARefusedVoidThatAnOperatorSees() {
        Map<String, Object> shipment = easyPostShipment();
        String shipmentId = (String) shipment.get("id");

        requestCancellation(shipment);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.one("SELECT void_submitted_at FROM shipment WHERE id = ?", shipmentId).get("void_submitted_at") != null);
        EasyPostStub.get().settleRefund((String) shipment.get("carrier_shipment_ref"), "rejected");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.one("SELECT attention FROM shipment WHERE id = ?", shipmentId).get("attention") != null);
        Map<String, Object> state = Db.one("SELECT status, attention, cancel_requested_at FROM shipment WHERE id = ?",
                shipmentId);
        assertThat(state.get("status"), is("PRE_TRANSIT"));
        assertThat((String) state.get("attention"), containsString("refund rejected"));
        assertThat(state.get("cancel_requested_at"), is(nullValue()));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_CANCELLED.name(), shipmentId), hasSize(0));
        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId).then().statusCode(200)
                .body("attention", containsString("refund rejected"));
    }

    @Test
    void aRateLimitedRequestIsAskedAgainAfterTheDefaultPause() {
        // EasyPost answers 429 with its RATE_LIMITED error and, as documented, promises no Retry-After header.
        EasyPostStub stub = EasyPostStub.get();
        int arrivedBefore = stub.arrivals.size();
        stub.throttleNext.set(1);

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.STANDARD, "easypost"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        assertThat("one EasyPost shipment, rated on the second try", stub.shipmentsWithReference(order), is(1L));
        long pauseMs = TimeUnit.NANOSECONDS.toMillis(stub.arrivals.get(arrivedBefore + 1) - stub.arrivals.get(arrivedBefore));
        assertThat("waited the one second CarrierHttp assumes without Retry-After", pauseMs, greaterThanOrEqualTo(1000L));
    }

    private Map<String, Object> easyPostShipment() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.STANDARD, "easypost"));
        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        return Shipping.shipmentOf(order);
    }

    private void requestCancellation(Map<String, Object> shipment) {
        events.publish(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, (String) shipment.get("order_id"),
                new ShipmentCancellationRequested((String) shipment.get("order_id"), (String) shipment.get("id"),
                        "order cancelled by the customer"));
    }

    private static String trackerEvent(String trackingCode) throws IOException {
        try (InputStream in = EasyPostAdapterTest.class.getResourceAsStream("/easypost/event-tracker-updated.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("TRACKING_CODE", trackingCode)
                    .replace("evt_template", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        }
    }

    private static void postEvent(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json")
                .header(EasyPostSignature.HEADER, EasyPostSignature.sign("easypost-test-webhook-secret", bytes))
                .body(bytes).when().post("/carriers/easypost/webhooks").then().statusCode(202);
    }
}
