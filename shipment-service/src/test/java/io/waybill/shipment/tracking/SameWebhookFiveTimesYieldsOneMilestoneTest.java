package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.shipment.tracking.signature.StandardWebhooks;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class SameWebhookFiveTimesYieldsOneMilestoneTest {

    @Inject
    TestEvents events;

    @Test
    void theSameSignedRequestDeliveredFiveTimesIsAcknowledgedEachTimeAndRecordedOnce() {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String event = Shipping.sandboxEvent((String) shipment.get("tracking_number"), "HUB_SCAN",
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        String signature = StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, timestamp, event);

        // A carrier's at-least-once delivery: the very same request (id, timestamp, signature, body) five times.
        Set<String> receipts = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            receipts.add(Shipping.postSigned("swiftpost", id, timestamp, signature, event).statusCode(202)
                    .extract().path("id"));
        }
        Shipping.awaitWebhooksProcessed();

        String shipmentId = (String) shipment.get("id");
        assertThat(receipts, hasSize(1));
        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE delivery_id = ?", id), is(1L));
        assertThat(Db.count("SELECT COUNT(*) FROM webhook_rejection WHERE delivery_id = ?", id), is(0L));
        assertThat(Db.count("SELECT COUNT(*) FROM tracking_event WHERE shipment_id = ?", shipmentId), is(1L));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(1));
        assertThat(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status"), is("IN_TRANSIT"));
    }

    @Test
    void theSameCarrierEventResentUnderFiveDeliveryIdsYieldsOneMilestone() {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String event = Shipping.sandboxEvent((String) shipment.get("tracking_number"), "HUB_SCAN",
                Instant.now().truncatedTo(ChronoUnit.SECONDS));

        // Some carriers re-send an event as a new message: five webhook-ids, one carrier event.
        for (int i = 0; i < 5; i++) {
            Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET, event).statusCode(202);
        }
        Shipping.awaitWebhooksProcessed();

        String shipmentId = (String) shipment.get("id");
        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE body = ? AND status = 'PROCESSED'", event), is(5L));
        assertThat(Db.count("SELECT COUNT(*) FROM tracking_event WHERE shipment_id = ?", shipmentId), is(1L));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(1));
    }
}
