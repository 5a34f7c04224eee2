package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.carrier.sandbox.SandboxCarrierServer;
import io.waybill.shipment.carrier.sandbox.SandboxSwitches;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** The sandbox carriers as the local stack and the demo use them: pushing their own webhooks, or polled. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class SandboxCarrierTrackingTest {

    @Inject
    TestEvents events;
    @Inject
    SandboxCarrierServer sandbox;
    @Inject
    TrackingPoller poller;

    @AfterEach
    void quietSandbox() {
        sandbox.resetSwitches("parcelly");
    }

    @Test
    void aParcelTheSandboxDeliversWithDuplicateAndOutOfOrderWebhooksEndsDeliveredWithOneHistory() {
        SandboxSwitches parcelly = sandbox.switches("parcelly");
        parcelly.webhooks = true;
        parcelly.tickMs = 300;
        parcelly.duplicates = 2;
        parcelly.outOfOrder = true;

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "parcelly"));
        Shipping.awaitBookingOutcome(order);
        String shipmentId = (String) Shipping.shipmentOf(order).get("id");

        // The first webhooks may overtake the booking itself; they wait for it and are applied afterwards.
        await().atMost(Duration.ofSeconds(40)).until(() ->
                Db.count("SELECT COUNT(*) FROM tracking_event WHERE shipment_id = ?", shipmentId) == 5
                        && "DELIVERED".equals(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status")));

        List<Map<String, Object>> history = Db.rows(
                "SELECT milestone FROM tracking_event WHERE shipment_id = ? ORDER BY occurred_at", shipmentId);
        assertThat(history.stream().map(r -> r.get("milestone")).toList(),
                is(List.of("PRE_TRANSIT", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED")));
        assertThat(Db.one("SELECT signer FROM shipment WHERE id = ?", shipmentId).get("signer"), is("A. NEIGHBOUR"));
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), shipmentId), hasSize(1));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(5));
        String tracking = (String) Shipping.shipmentOf(order).get("tracking_number");
        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE carrier_id = 'parcelly' AND body LIKE ?",
                "%" + tracking + "%"), greaterThanOrEqualTo(15L));
    }

    @Test
    void aCarrierWithoutWebhooksIsPolledAndPollingTwiceRecordsNothingTwice() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "pollpost"));
        Shipping.awaitBookingOutcome(order);
        String shipmentId = (String) Shipping.shipmentOf(order).get("id");

        poller.poll("pollpost");
        poller.poll("pollpost");

        Map<String, Object> event = Db.one("SELECT milestone, carrier_status FROM tracking_event WHERE shipment_id = ?",
                shipmentId);
        assertThat(event.get("milestone"), is("PRE_TRANSIT"));
        assertThat(event.get("carrier_status"), is("LABEL_CREATED"));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(1));
    }
}
