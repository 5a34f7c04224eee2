package io.waybill.shipment.booking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.sandbox.SandboxCarrierServer;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A label purchase that times out may still have bought a label: the carrier finishes it after the caller gave up
 * (the sandbox issues the label when its label latency is over). Whatever happens, one booking ends with one live label.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class UncertainLabelPurchasesTest {

    @Inject
    TestEvents events;
    @Inject
    SandboxCarrierServer sandbox;
    @Inject
    CarrierGuards guards;

    @BeforeEach
    @AfterEach
    void wellBehavedCarriers() {
        sandbox.resetSwitches("swiftpost");
        sandbox.resetSwitches("parcelly");
        guards.resetBreakers();
    }

    @Test
    void aLabelIssuedAfterThePurchaseTimedOutIsAdoptedInsteadOfBuyingAnotherElsewhere() {
        // Quotes answer at once; every label purchase answers after the 400 ms timeout, the label issued at 600 ms.
        sandbox.switches("swiftpost").labelLatencyMs = 600;
        long swiftpostBefore = sandbox.liveLabels("swiftpost");
        long parcellyBefore = sandbox.liveLabels("parcelly");

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD,
                "swiftpost", "parcelly"));

        Map<String, Object> request = Shipping.awaitBookingOutcome(order);
        assertThat(request.get("status"), is("BOOKED"));
        String key = LabelPurchase.idempotencyKey((String) request.get("id"), "swiftpost");
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        assertThat(shipment.get("carrier_id"), is("swiftpost"));
        assertThat(shipment.get("tracking_number"), is(sandbox.labelBoughtUnder("swiftpost", key).orElseThrow()));
        assertThat(sandbox.liveLabels("swiftpost") - swiftpostBefore, is(1L));
        assertThat("no second label with the fallback carrier", sandbox.liveLabels("parcelly") - parcellyBefore, is(0L));
        assertThat(Db.one("SELECT status FROM label_purchase WHERE idempotency_key = ?", key).get("status"), is("BOUGHT"));
    }

    @Test
    void aLabelThatTurnsUpAfterTheBookingWentToAnotherCarrierIsVoided() {
        // The label is issued 4 s after the purchase: long after every attempt and the lookup gave up.
        sandbox.switches("swiftpost").labelLatencyMs = 4000;
        long swiftpostBefore = sandbox.liveLabels("swiftpost");

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD,
                "swiftpost", "parcelly"));

        Map<String, Object> request = Shipping.awaitBookingOutcome(order);
        assertThat(request.get("status"), is("BOOKED"));
        assertThat(Shipping.shipmentOf(order).get("carrier_id"), is("parcelly"));
        String key = LabelPurchase.idempotencyKey((String) request.get("id"), "swiftpost");
        // Not forgotten: on record, and voided once the carrier has issued it.
        await().atMost(Duration.ofSeconds(30)).until(() -> "VOIDED".equals(
                Db.one("SELECT status FROM label_purchase WHERE idempotency_key = ?", key).get("status")));
        String orphan = sandbox.labelBoughtUnder("swiftpost", key).orElseThrow();
        assertThat(Db.one("SELECT tracking_number FROM label_purchase WHERE idempotency_key = ?", key)
                .get("tracking_number"), is(orphan));
        assertThat(sandbox.isVoided("swiftpost", orphan), is(true));
        assertThat(sandbox.liveLabels("swiftpost") - swiftpostBefore, is(0L));
    }
}
