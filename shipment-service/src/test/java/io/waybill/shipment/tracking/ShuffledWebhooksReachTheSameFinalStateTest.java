package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class ShuffledWebhooksReachTheSameFinalStateTest {

    private static final List<String> JOURNEY = List.of("LABEL_CREATED", "COLLECTED", "HUB_SCAN", "ON_VEHICLE",
            "DELIVERY_FAILED", "ON_VEHICLE", "DELIVERED");

    @Inject
    TestEvents events;

    @Test
    void aShuffledSequenceOfWebhooksYieldsTheSameFinalStateAndHistoryAsTheOrderedOne() {
        Map<String, Object> ordered = TrackedShipments.bookWithSwiftpost(events);
        Map<String, Object> shuffled = TrackedShipments.bookWithSwiftpost(events);
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        deliver(ordered, start, false);
        deliver(shuffled, start, true);
        Shipping.awaitWebhooksProcessed();

        Map<String, Object> a = state(ordered);
        Map<String, Object> b = state(shuffled);
        assertThat(a.get("status"), is("DELIVERED"));
        assertThat(b, equalTo(a));
        assertThat(history(shuffled), equalTo(history(ordered)));
        assertThat(history(ordered), hasSize(JOURNEY.size()));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), (String) shuffled.get("id")), hasSize(1));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), (String) ordered.get("id")), hasSize(1));
    }

    @Test
    void proofOfDeliveryArrivingFirstStillEndsDeliveredAndLateScansNeverMoveItBack() {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String tracking = (String) shipment.get("tracking_number");
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "DELIVERED", start.plus(5, ChronoUnit.HOURS))).statusCode(202);
        Shipping.awaitWebhooksProcessed();
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "HUB_SCAN", start.plus(1, ChronoUnit.HOURS))).statusCode(202);
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "ON_VEHICLE", start.plus(4, ChronoUnit.HOURS))).statusCode(202);
        Shipping.awaitWebhooksProcessed();

        String shipmentId = (String) shipment.get("id");
        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("proofOfDelivery.signer", equalTo("E. MUSTERMANN"))
                .body("proofOfDelivery.deliveredAt", equalTo(start.plus(5, ChronoUnit.HOURS).toString()));
        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId + "/tracking").then().statusCode(200)
                .body("milestone", equalTo(List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED")));
        // The late scans are still published, each saying the shipment stays delivered.
        List<String> recorded = Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId);
        assertThat(recorded, hasSize(3));
        recorded.forEach(e -> assertThat(Shipping.dataOf(e, "shipmentStatus"), is("DELIVERED")));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), shipmentId), hasSize(1));
    }

    private static void deliver(Map<String, Object> shipment, Instant start, boolean shuffle) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < JOURNEY.size(); i++) {
            bodies.add(Shipping.sandboxEvent((String) shipment.get("tracking_number"), JOURNEY.get(i),
                    start.plus(i * 3L, ChronoUnit.HOURS)));
        }
        if (shuffle) {
            String proofOfDelivery = bodies.remove(bodies.size() - 1);
            Collections.shuffle(bodies, new Random(42));
            // Proof of delivery first of all, the hardest case for a state machine that trusts arrival order.
            bodies.add(0, proofOfDelivery);
        }
        for (String body : bodies) {
            Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET, body).statusCode(202);
            if (shuffle) {
                // One at a time, so processing really sees them in the shuffled order.
                Shipping.awaitWebhooksProcessed();
            }
        }
    }

    private static Map<String, Object> state(Map<String, Object> shipment) {
        return Db.one("SELECT status, status_occurred_at, delivered_at, signer FROM shipment WHERE id = ?",
                shipment.get("id"));
    }

    private static List<Map<String, Object>> history(Map<String, Object> shipment) {
        return Db.rows("SELECT milestone, carrier_status, occurred_at FROM tracking_event WHERE shipment_id = ? "
                + "ORDER BY occurred_at, dedup_key", shipment.get("id"));
    }
}
