package io.waybill.shipment.returns;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventJson;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.booking.LabelPurchase;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.EasyPostStub;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Return labels with EasyPost, the carrier where a careless retry costs a second label: every rating creates a new
 * EasyPost shipment, so a retry that asks for fresh rates cannot find the label an earlier attempt bought.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class ReturnLabelPurchaseTest {

    @Inject
    TestEvents events;
    @Inject
    ReturnWorker worker;

    @AfterEach
    void wellBehavedEasyPost() {
        EasyPostStub stub = EasyPostStub.get();
        stub.createLatencyMs = 0;
        stub.loseNextPurchaseResponses.set(0);
        stub.failAfterLostPurchase.set(0);
    }

    @Test
    void workersTakingUpTheSameReturnAtOnceBuyOneLabel() throws Exception {
        String shipmentId = easyPostShipment();
        // Rating takes a while (within the 500 ms timeout), so every worker that could take the return up is at it
        // at the same time.
        EasyPostStub.get().createLatencyMs = 250;

        String returnId = requestReturn(shipmentId);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = List.of(1, 2).stream().map(i -> CompletableFuture.runAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.authorizePending();
        })).toList();
        go.countDown();
        for (CompletableFuture<Void> run : workers) {
            run.get(60, TimeUnit.SECONDS);
        }

        awaitReturn(returnId, "AUTHORIZED");
        EasyPostStub stub = EasyPostStub.get();
        assertThat("rated once", stub.shipmentsWithReference(returnId), is(1L));
        assertThat("one label", stub.labelsWithReference(returnId), is(1L));
        assertThat(Db.count("SELECT COUNT(*) FROM shipment WHERE return_id = ?", returnId), is(1L));
        assertThat(Db.published(ShipmentEvents.RETURN_AUTHORIZED.name(), shipmentId), hasSize(1));
    }

    @Test
    void aLostReturnLabelAnswerIsRecoveredWithoutASecondLabel() throws Exception {
        String shipmentId = easyPostShipment();
        EasyPostStub stub = EasyPostStub.get();
        // The purchase goes through but its answer is lost, and EasyPost then fails every retry and the lookup: the
        // first attempt cannot tell whether a label exists.
        stub.loseNextPurchaseResponses.set(1);
        stub.failAfterLostPurchase.set(5);
        int purchasesBefore = stub.purchases.get();

        String returnId = requestReturn(shipmentId);

        Map<String, Object> ret = awaitReturn(returnId, "AUTHORIZED");
        assertThat("taken up again rather than failed", (Integer) ret.get("attempts"), greaterThanOrEqualTo(2));
        assertThat(ret.get("failure_reason"), is(nullValue()));
        assertThat(stub.purchases.get() - purchasesBefore, is(1));
        assertThat("the recorded quote was bought again, no fresh rates", stub.shipmentsWithReference(returnId), is(1L));
        Map<String, Object> returnShipment = Db.one("SELECT * FROM shipment WHERE id = ?", ret.get("return_shipment_id"));
        assertThat(returnShipment.get("tracking_number"), is(stub.shipment((String) returnShipment.get(
                "carrier_shipment_ref")).path("tracking_code").asText()));
        assertThat(Db.one("SELECT status FROM label_purchase WHERE idempotency_key = ?",
                LabelPurchase.idempotencyKey(returnId, "easypost")).get("status"), is("BOUGHT"));
        // Billing learns what the return label cost.
        String authorized = Db.published(ShipmentEvents.RETURN_AUTHORIZED.name(), shipmentId).get(0);
        JsonNode labelCost = EventJson.mapper().readTree(authorized).path("data").path("labelCost");
        assertThat(new BigDecimal(labelCost.path("amount").asText()),
                comparesEqualTo((BigDecimal) returnShipment.get("quoted_amount")));
        assertThat(labelCost.path("currency").asText(), is("USD"));
    }

    private String easyPostShipment() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.STANDARD,
                "easypost"));
        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        return (String) Shipping.shipmentOf(order).get("id");
    }

    private static String requestReturn(String shipmentId) {
        return given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.operate"))
                .contentType("application/json")
                .body("{\"lines\":[{\"sku\":\"MUG-BLUE-330\",\"quantity\":{\"value\":1,\"unit\":\"EACH\"}}],"
                        + "\"reason\":\"DAMAGED\"}")
                .when().post("/shipments/" + shipmentId + "/returns")
                .then().statusCode(202).extract().path("returnId");
    }

    private static Map<String, Object> awaitReturn(String returnId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM return_authorization WHERE id = ? AND status = ?", returnId, status) == 1);
        return Db.one("SELECT * FROM return_authorization WHERE id = ?", returnId);
    }
}
