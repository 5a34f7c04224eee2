package io.waybill.order.saga;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.PickShortageReported;
import io.waybill.events.inventory.ReservationRejected;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.OrderReleasedToWarehouse;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.order.StockReleaseRequested;
import io.waybill.events.order.StockReservationRequested;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Quantity;
import io.waybill.order.fulfilment.acme.AcmeReleaseDispatcher;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.OnVertx;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saga end to end through the real broker and database: order-service's commands are relayed to the broker,
 * and inventory-service's and shipment-service's replies arrive from it (published by this test in their place).
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class OrderToDispatchThroughTheBrokerTest {

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Inject
    SagaDeadlineSweep sweep;

    @Test
    void anOrderGoesFromIntakeToWarehouseReleaseOnlyAfterStockAndCarrierAreConfirmed() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = submit(order(customer, "DE", "STANDARD", sku));

        StockReservationRequested reservation = Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1).getFirst();
        assertEquals(List.of("WH-BERLIN", "WH-ROTTERDAM"), reservation.candidateWarehouses());
        assertEquals(0, pendingReleases(orderId), "nothing goes to the warehouse before stock is reserved");

        Participants.reserve(broker, orderId, "WH-BERLIN", sku);
        ShipmentBookingRequested booking = Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1).getFirst();
        assertEquals("WH-BERLIN", booking.warehouseId());
        assertEquals(List.of("swiftpost", "parcelly", "easypost"), booking.allowedCarriers());
        assertEquals(0, pendingReleases(orderId), "nothing goes to the warehouse before a carrier is booked");

        Participants.book(broker, orderId, customer, "swiftpost");
        Awaiting.status(orderId, "BOOKED");
        assertEquals(1, pendingReleases(orderId));

        assertTrue(OnVertx.await(() -> acme.dispatchPending()) >= 1);
        Acme3plStub.server().verify(postRequestedFor(urlEqualTo("/acme/releases"))
                .withRequestBody(matchingJsonPath("$.releaseReference", com.github.tomakehurst.wiremock.client.WireMock.equalTo(orderId)))
                .withRequestBody(matchingJsonPath("$.trackingNumber", com.github.tomakehurst.wiremock.client.WireMock.equalTo("TRK-" + orderId))));
        Awaiting.status(orderId, "RELEASED");
        OrderReleasedToWarehouse released = Awaiting.published(OrderEvents.RELEASED_TO_WAREHOUSE, orderId, 1).getFirst();
        assertEquals("acme-3pl", released.partnerId());
        assertEquals("shp-" + orderId, released.shipmentId());

        List<String> statuses = Database.published(OrderEvents.STATUS_CHANGED, orderId).stream()
                .map(change -> change.status().name()).toList();
        assertEquals(List.of("RECEIVED", "VALIDATED", "ALLOCATING", "ALLOCATED", "BOOKING", "BOOKED", "RELEASED"), statuses);

        broker.publish(ShipmentEvents.SHIPMENT_DELIVERED, orderId, new io.waybill.events.shipment.ShipmentDelivered(
                "shp-" + orderId, orderId, customer, Instant.now(), "E. Mustermann", "pod-1", null, null));
        Awaiting.status(orderId, "DELIVERED");
    }

    @Test
    void aRedeliveredReplyHasNoSecondEffect() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = submit(order(customer, "DE", "STANDARD", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);

        EventEnvelope reserved = broker.publish(InventoryEvents.STOCK_RESERVED, orderId,
                Participants.stockReserved(orderId, "WH-BERLIN", sku));
        Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1);
        broker.publish(reserved);
        Participants.book(broker, orderId, customer, "swiftpost");
        Awaiting.status(orderId, "BOOKED");
        assertEquals(1, Database.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId).size());
    }

    @Test
    void bookingFailureFallsBackToAnotherAllowedCarrier() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.awaitingBookingAtBerlin(broker, customer, sku);

        broker.publish(ShipmentEvents.SHIPMENT_BOOKING_FAILED, orderId, Participants.bookingFailed(orderId, "swiftpost"));
        ShipmentBookingRequested second = Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 2).get(1);
        assertEquals(List.of("parcelly", "easypost"), second.allowedCarriers());

        Participants.book(broker, orderId, customer, "parcelly");
        Awaiting.status(orderId, "BOOKED");
    }

    @Test
    void withNoCarrierLeftTheStockIsReleasedAndTheOrderHeldWithItsReason() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = submit(order(customer, "DE", "EXPRESS", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        Participants.reserve(broker, orderId, "WH-BERLIN", sku);
        ShipmentBookingRequested booking = Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1).getFirst();
        assertEquals(List.of("swiftpost", "parcelly"), booking.allowedCarriers());

        broker.publish(ShipmentEvents.SHIPMENT_BOOKING_FAILED, orderId,
                Participants.bookingFailed(orderId, "swiftpost", "parcelly"));

        StockReleaseRequested release = Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).getFirst();
        assertEquals("res-" + orderId, release.reservationId());
        Awaiting.status(orderId, "ON_HOLD");
        assertTrue(Database.statusReason(orderId).contains("no allowed carrier can ship the order"),
                Database.statusReason(orderId));
        assertTrue(Database.statusReason(orderId).contains("last: no carrier accepted the parcel"),
                "the operator sees why, not only that: " + Database.statusReason(orderId));

        given().auth().oauth2(operator()).get("/ops/orders?status=ON_HOLD").then().statusCode(200)
                .body("orderId", hasItem(orderId));
        given().auth().oauth2(operator()).get("/ops/orders/{id}/saga", orderId).then().statusCode(200)
                .body("step", equalTo("HELD"))
                .body("holdReason", containsString("allows [swiftpost, parcelly]; all failed"))
                .body("parts", org.hamcrest.Matchers.empty())
                .body("trail.kind", hasItem("COMPENSATION"))
                .body("history.status", hasItem("ON_HOLD"));
    }

    @Test
    void anOperatorRetryOfAHeldOrderReservesAgain() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = submit(order(customer, "DE", "STANDARD", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        broker.publish(InventoryEvents.RESERVATION_REJECTED, orderId, new ReservationRejected(orderId,
                ReservationRejected.INSUFFICIENT_STOCK, List.of(new ReservationRejected.Shortage(sku,
                Quantity.each(2), Quantity.each(0)))));
        Awaiting.status(orderId, "ON_HOLD");
        assertTrue(Database.statusReason(orderId).contains("insufficient-stock"));

        given().auth().oauth2(operator()).post("/ops/orders/{id}/retry", orderId).then().statusCode(200)
                .body("status", equalTo("ALLOCATING"));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 2);
    }

    @Test
    void aCancelledOrderPublishesTheReleaseOfItsStock() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);

        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(Map.of("reason", "customer withdrew"))
                .post("/orders/{id}/cancellation", orderId).then().statusCode(200).body("status", equalTo("CANCELLED"));

        assertEquals("res-" + orderId, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1)
                .getFirst().reservationId());
        assertEquals("shp-" + orderId, Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 1)
                .getFirst().shipmentId());
        assertEquals(0, pendingReleases(orderId), "the release is withdrawn");
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/orders/{id}/cancellation", orderId).then().statusCode(409);
    }

    @Test
    void aStepWithoutAnswerPastItsDeadlineIsEscalatedToHold() {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);

        List<String> held = OnVertx.await(() -> sweep.sweep(Instant.now().plus(16, ChronoUnit.MINUTES)));
        assertTrue(held.contains(orderId), held.toString());
        assertEquals("ON_HOLD", Database.status(orderId));
        assertTrue(Database.statusReason(orderId).contains("inventory-service did not answer"));
    }

    @Test
    void ordersWaitingForStockTooLongAreListedAndCounted() {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        given().auth().oauth2(operator()).get("/ops/orders?status=ALLOCATING&olderThanMinutes=0").then()
                .statusCode(200).body("orderId", hasItem(orderId));
        OnVertx.await(() -> sweep.refreshGauge(Instant.now().plus(20, ChronoUnit.MINUTES)));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("waybill_orders_awaiting_allocation_overdue"));
        double overdue = Double.parseDouble(given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("waybill_orders_awaiting_allocation_overdue"))
                .findFirst().orElseThrow().replaceAll(".* ", ""));
        assertTrue(overdue >= 1, "at least this order is overdue: " + overdue);
    }

    @Test
    void pickShortageReportedByTheThreePlReallocatesToTheOtherWarehouse() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = releasedToAcme(customer, sku, "STANDARD");

        acmeEvent(orderId, "short-" + orderId, "SHORTAGE", sku, 1).then().statusCode(202).body("result", equalTo("applied"));

        Awaiting.status(orderId, "ALLOCATING");
        assertEquals(1, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).size());
        StockReservationRequested again = Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 2).get(1);
        assertEquals(List.of("WH-ROTTERDAM"), again.candidateWarehouses());
        Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 1);

        acmeEvent(orderId, "short-" + orderId, "SHORTAGE", sku, 1).then().statusCode(202).body("result", equalTo("duplicate"));
        assertEquals(2, Database.count("SELECT count(*) FROM outbox_message WHERE subject = ? AND event_type = ?",
                orderId, OrderEvents.STOCK_RESERVATION_REQUESTED.name()), "the resent shortage changed nothing");
    }

    @Test
    void pickShortageWithNoOtherWarehouseHoldsTheOrder() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = releasedToAcme(customer, sku, "EXPRESS");

        acmeEvent(orderId, "short-" + orderId, "SHORTAGE", sku, 2).then().statusCode(202);
        Awaiting.status(orderId, "ON_HOLD");
        assertTrue(Database.statusReason(orderId).contains("no other warehouse may serve the order"));
    }

    @Test
    void pickShortageLearntFromInventoryAlsoReallocates() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = releasedToAcme(customer, sku, "STANDARD");

        broker.publish(InventoryEvents.PICK_SHORTAGE_REPORTED, orderId, new PickShortageReported(orderId, "WH-BERLIN",
                sku, null, Quantity.each(1), "acme-3pl", "acme-evt-" + orderId, "res-" + orderId));
        StockReservationRequested again = Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 2).get(1);
        assertEquals(List.of("WH-ROTTERDAM"), again.candidateWarehouses());
        Awaiting.status(orderId, "ALLOCATING");
    }

    @Test
    void anUnreachableThreePlLeavesTheReleasePendingUntilItAnswers() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.awaitingBookingAtBerlin(broker, customer, sku);
        var outage = Acme3plStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/acme/releases"))
                .withRequestBody(matchingJsonPath("$.releaseReference", com.github.tomakehurst.wiremock.client.WireMock.equalTo(orderId)))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        try {
            Participants.book(broker, orderId, customer, "swiftpost");
            Awaiting.status(orderId, "BOOKED");
            OnVertx.await(() -> acme.dispatchPending());
            assertEquals("BOOKED", Database.status(orderId), "not released while acme refuses");
            assertEquals(1, pendingReleases(orderId));
            assertEquals(1, Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND attempts = 1 AND last_error LIKE '%503%'", orderId));
        } finally {
            Acme3plStub.server().removeStub(outage);
        }
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
    }

    @Test
    void theScheduledSweepRunsOnItsOwnWorkerThread() throws Throwable {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        sweep.onSchedule();
        assertEquals("ALLOCATING", Database.status(orderId), "within its deadline the order is left alone");
    }

    @Test
    void shipConfirmationFromTheThreePlShipsTheOrder() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = releasedToAcme(customer, sku, "STANDARD");
        acmeEvent(orderId, "ack-" + orderId, "ACKNOWLEDGED", null, 0).then().statusCode(202);
        acmeEvent(orderId, "ship-" + orderId, "SHIPPED", null, 0).then().statusCode(202);
        Awaiting.status(orderId, "SHIPPED");
    }

    private String releasedToAcme(String customer, String sku, String serviceLevel) {
        String orderId = submit(order(customer, "DE", serviceLevel, sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        Participants.reserve(broker, orderId, "WH-BERLIN", sku);
        Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1);
        Participants.book(broker, orderId, customer, serviceLevel.equals("EXPRESS") ? "swiftpost" : "swiftpost");
        Awaiting.status(orderId, "BOOKED");
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
        return orderId;
    }

    static io.restassured.response.Response acmeEvent(String orderId, String eventId, String type, String sku, int quantity) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("releaseReference", orderId);
        body.put("type", type);
        if (sku != null) {
            body.put("sku", sku);
            body.put("quantity", quantity);
        }
        return given().auth().oauth2(Tokens.partner(AUDIENCE, "acme-3pl", "fulfilment.write"))
                .contentType(ContentType.JSON).body(body).post("/fulfilment/acme-3pl/events");
    }

    private static long pendingReleases(String orderId) {
        return Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND status = 'PENDING'", orderId);
    }
}
