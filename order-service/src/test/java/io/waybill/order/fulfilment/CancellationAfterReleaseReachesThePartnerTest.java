package io.waybill.order.fulfilment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.events.order.OrderEvents;
import io.waybill.order.fulfilment.acme.AcmeReleaseDispatcher;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.OnVertx;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Cancelling an order the REST 3PL (acme-3pl) may already be picking: the cancellation is sent to acme, and the
 * stock and shipment are given back only once acme confirms; an acme that already shipped leaves the order shipped
 * and flagged for a return. Also the race of a cancellation with a release that is on its way to acme.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class CancellationAfterReleaseReachesThePartnerTest {

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Test
    void aCancellationAfterReleaseReachesAcmeAndGivesTheStockBackOnlyOnceAcmeConfirms() {
        String orderId = releasedToAcme();

        cancel(orderId, 202);
        assertEquals("RELEASED", Database.status(orderId), "not cancelled before acme says so");
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.STOCK_RELEASE_REQUESTED.name()),
                "the stock stays reserved while acme may still pick it");
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED.name()));

        assertEquals(1, (int) OnVertx.await(() -> acme.dispatchCancellations()));
        Acme3plStub.server().verify(postRequestedFor(urlEqualTo(Acme3plStub.cancellationPath(orderId)))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("order cancelled: customer withdrew"))));
        Awaiting.status(orderId, "CANCELLED");
        assertEquals("res-" + orderId, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1)
                .getFirst().reservationId());
        assertEquals("shp-" + orderId, Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 1)
                .getFirst().shipmentId());
        assertEquals(0, (int) OnVertx.await(() -> acme.dispatchCancellations()), "a cancellation is sent once");
    }

    @Test
    void anAcmeThatAlreadyShippedLeavesTheOrderShippedWithItsStockAndFlaggedForAReturn() {
        String orderId = releasedToAcme();
        var tooLate = Acme3plStub.alreadyShipped(orderId);
        try {
            cancel(orderId, 202);
            OnVertx.await(() -> acme.dispatchCancellations());
        } finally {
            Acme3plStub.server().removeStub(tooLate);
        }

        Awaiting.status(orderId, "SHIPPED");
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.STOCK_RELEASE_REQUESTED.name()),
                "the goods left: their stock is consumed, not given back");
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED.name()));
        given().auth().oauth2(operator()).get("/ops/orders/{id}/saga", orderId).then().statusCode(200)
                .body("attention", containsString("need a return"))
                .body("trail.kind", hasItem("CANCEL_REFUSED"));
    }

    @Test
    void aCancellationWhileTheReleaseIsOnItsWayToAcmeIsSentToAcmeToo() {
        String orderId = bookedInBerlin();
        var slow = Acme3plStub.server().stubFor(post(urlEqualTo("/acme/releases"))
                .withRequestBody(matchingJsonPath("$.releaseReference", equalTo(orderId)))
                .atPriority(1).willReturn(aResponse().withStatus(202).withFixedDelay(3000)));
        try {
            CompletableFuture<Integer> dispatching = CompletableFuture.supplyAsync(
                    () -> OnVertx.await(() -> acme.dispatchPending()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND status = 'SENDING'",
                            orderId) == 1);

            cancel(orderId, 202);
            dispatching.join();
        } finally {
            Acme3plStub.server().removeStub(slow);
        }

        assertEquals("BOOKED", Database.status(orderId), "acme may have the release: not cancelled until it says so");
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.STOCK_RELEASE_REQUESTED.name()));
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.RELEASED_TO_WAREHOUSE.name()),
                "a release withdrawn during its hand-over is not announced as released");
        assertEquals(1, Database.count("SELECT count(*) FROM warehouse_cancellation WHERE order_id = ? "
                + "AND status = 'REQUESTED'", orderId));

        OnVertx.await(() -> acme.dispatchCancellations());
        Acme3plStub.server().verify(postRequestedFor(urlEqualTo(Acme3plStub.cancellationPath(orderId))));
        Awaiting.status(orderId, "CANCELLED");
        assertEquals(1, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).size());
    }

    @Test
    void aCancellationBeforeTheReleaseWasHandedOverGivesTheStockBackAtOnceAndNeverCallsAcme() {
        String orderId = bookedInBerlin();

        cancel(orderId, 200);

        assertEquals("CANCELLED", Database.status(orderId));
        assertEquals(1, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).size());
        OnVertx.await(() -> acme.dispatchPending());
        OnVertx.await(() -> acme.dispatchCancellations());
        Acme3plStub.server().verify(0, postRequestedFor(urlEqualTo("/acme/releases"))
                .withRequestBody(matchingJsonPath("$.releaseReference", equalTo(orderId))));
        Acme3plStub.server().verify(0, postRequestedFor(urlEqualTo(Acme3plStub.cancellationPath(orderId))));
    }

    /** Cancels as the channel would; 202 while the partner is asked, 200 once cancelled. */
    private static void cancel(String orderId, int expectedStatus) {
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(Map.of("reason", "customer withdrew"))
                .post("/orders/{id}/cancellation", orderId).then().statusCode(expectedStatus);
    }

    private String bookedInBerlin() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);
        return orderId;
    }

    private String releasedToAcme() {
        String orderId = bookedInBerlin();
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
        return orderId;
    }
}
