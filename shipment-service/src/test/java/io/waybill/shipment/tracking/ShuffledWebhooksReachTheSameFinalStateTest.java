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

    /** Two delivery scans: the carrier's first, and a second one it sent later about the same parcel. */
    private static final List<String> JOURNEY = List.of("LABEL_CREATED", "COLLECTED", "HUB_SCAN", "ON_VEHICLE",
            "DELIVERY_FAILED", "ON_VEHICLE", "DELIVERED", "DELIVERED");
    private static final int FIRST_DELIVERY = 6;

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
        // The first delivery the carrier dated is the delivery and its proof, whichever scan arrived first.
        for (Map<String, Object> shipment : List.of(ordered, shuffled)) {
            given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                    .when().get("/shipments/" + shipment.get("id")).then().statusCode(200)
                    .body("proofOfDelivery.deliveredAt", equalTo(start.plus(FIRST_DELIVERY * 3L, ChronoUnit.HOURS).toString()))
                    .body("proofOfDelivery.signer", equalTo("SIGNER " + FIRST_DELIVERY))
                    .body("proofOfDelivery.photoRef", equalTo("sandbox://pod/" + FIRST_DELIVERY + ".jpg"))
                    .body("proofOfDelivery.signatureRef", equalTo("sandbox://signature/" + FIRST_DELIVERY + ".png"));
        }
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

        Instant beforeReceipt = Instant.now();
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET, Shipping.sandboxDelivery(tracking,
                start.plus(5, ChronoUnit.HOURS), "E. MUSTERMANN", "sandbox://pod/door.jpg", "sandbox://signature/em.png"))
                .statusCode(202);
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
                .body("proofOfDelivery.photoRef", equalTo("sandbox://pod/door.jpg"))
                .body("proofOfDelivery.signatureRef", equalTo("sandbox://signature/em.png"))
                .body("proofOfDelivery.deliveredAt", equalTo(start.plus(5, ChronoUnit.HOURS).toString()));
        List<Map<String, Object>> history = given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId + "/tracking").then().statusCode(200)
                .body("milestone", equalTo(List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED")))
                .body("[2].signer", equalTo("E. MUSTERMANN"))
                .body("[2].photoRef", equalTo("sandbox://pod/door.jpg"))
                .body("[2].signatureRef", equalTo("sandbox://signature/em.png"))
                .extract().jsonPath().getList("$");
        // Carrier time and our receive time side by side: the delivery was received first, though dated last.
        Instant deliveryReceived = Instant.parse((String) history.get(2).get("receivedAt"));
        Instant hubScanReceived = Instant.parse((String) history.get(0).get("receivedAt"));
        assertThat(!deliveryReceived.isBefore(beforeReceipt.truncatedTo(ChronoUnit.SECONDS)), is(true));
        assertThat(deliveryReceived.isBefore(hubScanReceived), is(true));
        // The late scans are still published, each saying the shipment stays delivered.
        List<String> recorded = Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId);
        assertThat(recorded, hasSize(3));
        recorded.forEach(e -> assertThat(Shipping.dataOf(e, "shipmentStatus"), is("DELIVERED")));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), shipmentId), hasSize(1));
    }

    private static void deliver(Map<String, Object> shipment, Instant start, boolean shuffle) {
        List<String> bodies = new ArrayList<>();
        String tracking = (String) shipment.get("tracking_number");
        for (int i = 0; i < JOURNEY.size(); i++) {
            Instant at = start.plus(i * 3L, ChronoUnit.HOURS);
            bodies.add("DELIVERED".equals(JOURNEY.get(i))
                    ? Shipping.sandboxDelivery(tracking, at, "SIGNER " + i, "sandbox://pod/" + i + ".jpg",
                    "sandbox://signature/" + i + ".png")
                    : Shipping.sandboxEvent(tracking, JOURNEY.get(i), at));
        }
        if (shuffle) {
            String proofOfDelivery = bodies.remove(bodies.size() - 1);
            Collections.shuffle(bodies, new Random(42));
            // The later proof of delivery first of all, the hardest case for a state machine that trusts arrival
            // order; the earlier one comes somewhere after it.
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
        return Db.one("SELECT status, status_occurred_at, delivered_at, signer, photo_ref, signature_ref FROM shipment "
                        + "WHERE id = ?",
                shipment.get("id"));
    }

    private static List<Map<String, Object>> history(Map<String, Object> shipment) {
        return Db.rows("SELECT milestone, carrier_status, occurred_at FROM tracking_event WHERE shipment_id = ? "
                + "ORDER BY occurred_at, dedup_key", shipment.get("id"));
    }
}
