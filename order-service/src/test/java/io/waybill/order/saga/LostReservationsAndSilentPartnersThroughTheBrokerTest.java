package io.waybill.order.saga;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReservationConfirmationRefused;
import io.waybill.events.inventory.ReservationReleased;
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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the real broker: a reservation inventory lets lapse, or refuses to confirm for the booked shipment, is
 * reserved again instead of released on; a 3PL that never acknowledges or ships its release flags the order for an
 * operator.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class LostReservationsAndSilentPartnersThroughTheBrokerTest {

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Inject
    SagaDeadlineSweep sweep;

    @Test
    void aReservationThatLapsesWhileTheShipmentIsBookedIsReservedAgainBeforeAnythingIsReleased() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.awaitingBookingAtBerlin(broker, customer, sku);

        broker.publish(InventoryEvents.RESERVATION_RELEASED, orderId,
                new ReservationReleased(orderId, "res-" + orderId, ReservationReleased.EXPIRED));

        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 2);
        Awaiting.status(orderId, "ALLOCATING");
        assertEquals(0, Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ?", orderId));
    }

    @Test
    void aBookingInventoryCouldNotConfirmWithdrawsTheReleaseAndReservesAgain() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);

        broker.publish(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED, orderId, new ReservationConfirmationRefused(
                orderId, "shp-" + orderId, "res-" + orderId, ReservationConfirmationRefused.EXPIRED));

        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 2);
        Awaiting.status(orderId, "ALLOCATING");
        assertEquals("shp-" + orderId, Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 1)
                .getFirst().shipmentId());
        assertEquals(0, Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND status = 'PENDING'",
                orderId), "nothing goes to the warehouse on stock the order no longer holds");
        OnVertx.await(() -> acme.dispatchPending());
        Acme3plStub.server().verify(0, postRequestedFor(urlEqualTo("/acme/releases"))
                .withRequestBody(matchingJsonPath("$.releaseReference", equalTo(orderId))));
    }

    @Test
    void aReleaseAcmeNeverAcknowledgesFlagsTheOrderWhichStillShipsWhenAcmeFinallyDoes() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");

        sweepEverythingDueBy(Instant.now().plus(5, ChronoUnit.HOURS));

        assertEquals("RELEASED", Database.status(orderId), "flagged, not stopped: acme has the goods");
        given().auth().oauth2(operator()).get("/ops/orders/{id}/saga", orderId).then().statusCode(200)
                .body("attention", containsString("acme-3pl did not acknowledge the release"))
                .body("trail.kind", hasItem("ATTENTION"));
        given().auth().oauth2(operator()).get("/ops/orders?status=RELEASED&flagged=true").then().statusCode(200)
                .body("orderId", hasItem(orderId));

        OrderToDispatchThroughTheBrokerTest.acmeEvent(orderId, "ship-" + orderId, "SHIPPED", null, 0)
                .then().statusCode(202);
        Awaiting.status(orderId, "SHIPPED");
    }

    @Test
    void anAcknowledgedReleaseGetsTheShipDeadlineAndIsNotFlaggedWithinIt() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
        OrderToDispatchThroughTheBrokerTest.acmeEvent(orderId, "ack-" + orderId, "ACKNOWLEDGED", null, 0)
                .then().statusCode(202);

        List<String> held = sweepEverythingDueBy(Instant.now().plus(5, ChronoUnit.HOURS));
        assertTrue(!held.contains(orderId));
        given().auth().oauth2(operator()).get("/ops/orders?status=RELEASED&flagged=true").then().statusCode(200)
                .body("orderId", not(hasItem(orderId)));

        sweepEverythingDueBy(Instant.now().plus(49, ChronoUnit.HOURS));
        given().auth().oauth2(operator()).get("/ops/orders/{id}/saga", orderId).then().statusCode(200)
                .body("attention", containsString("acknowledged the release but did not ship it"));
        assertEquals("RELEASED", Database.status(orderId));
    }

    /** One sweep takes 200 overdue orders; other tests' orders are overdue too at such times. */
    private List<String> sweepEverythingDueBy(Instant at) {
        List<String> held = new java.util.ArrayList<>();
        for (int run = 0; run < 50 && Database.count("SELECT count(*) FROM order_saga WHERE step_deadline < ?",
                java.sql.Timestamp.from(at)) > 0; run++) {
            held.addAll(OnVertx.await(() -> sweep.sweep(at)));
        }
        return held;
    }
}
