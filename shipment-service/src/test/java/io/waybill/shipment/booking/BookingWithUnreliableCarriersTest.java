package io.waybill.shipment.booking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRejectedException;
import io.waybill.shipment.carrier.sandbox.SandboxCarrierServer;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class BookingWithUnreliableCarriersTest {

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
    void aCarrierThatTimesOutTripsItsBreakerAndTheBookingFallsBackToAnotherCarrier() {
        // swiftpost quotes cheaper than parcelly, so it would win; but it now answers after the 400 ms timeout.
        sandbox.switches("swiftpost").latencyMs = 1500;

        String first = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(first, Shipping.BERLIN, ServiceLevel.STANDARD,
                "swiftpost", "parcelly"));
        Map<String, Object> firstOutcome = Shipping.awaitBookingOutcome(first);
        String second = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(second, Shipping.BERLIN, ServiceLevel.STANDARD,
                "swiftpost", "parcelly"));
        Map<String, Object> secondOutcome = Shipping.awaitBookingOutcome(second);

        assertThat(firstOutcome.get("status"), is("BOOKED"));
        assertThat(secondOutcome.get("status"), is("BOOKED"));
        assertThat(Shipping.shipmentOf(first).get("carrier_id"), is("parcelly"));
        assertThat(Shipping.shipmentOf(second).get("carrier_id"), is("parcelly"));
        assertThat(guards.breakerState("swiftpost"), is(CircuitBreakerState.OPEN));

        String booked = Db.published(ShipmentEvents.SHIPMENT_BOOKED.name(), (String) Shipping.shipmentOf(second).get("id")).get(0);
        assertThat(Shipping.dataOf(booked, "carrierId"), is("parcelly"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("waybill_carrier_circuit_state{carrier=\"swiftpost\"} 2.0"))
                .body(containsString("waybill_carrier_circuit_opened_total{carrier=\"swiftpost\"}"));
    }

    @Test
    void aThrottledCarrierIsAskedAgainAfterItsRetryAfter() {
        sandbox.switches("swiftpost").throttleNext = 1;
        sandbox.switches("swiftpost").retryAfterSeconds = 1;
        int requestsBefore = sandbox.requests("swiftpost");

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD,
                "swiftpost", "parcelly"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        // Not a fallback: swiftpost itself booked it, after the refused rate request was asked again.
        assertThat(Shipping.shipmentOf(order).get("carrier_id"), is("swiftpost"));
        // rates (429), rates again, label
        assertThat(sandbox.requests("swiftpost") - requestsBefore, is(3));
        List<Long> gaps = sandbox.requestGapsMillis("swiftpost");
        assertThat("wait between the 429 and the retry", gaps.get(gaps.size() - 2), greaterThanOrEqualTo(1000L));
    }

    @Test
    void aValidationErrorIsNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(CarrierRejectedException.class, () -> guards.call("parcelly", () -> {
            calls.incrementAndGet();
            throw new CarrierRejectedException("parcelly", "HTTP 422 postal code invalid");
        }, String.class));
        assertEquals(1, calls.get());
        assertThat(guards.breakerState("parcelly"), is(CircuitBreakerState.CLOSED));
    }

    @Test
    void aLostLabelResponseIsRetriedWithoutBuyingASecondLabel() {
        sandbox.switches("swiftpost").loseNextLabelResponses = 1;
        int labelsBefore = sandbox.labelsIssued("swiftpost");

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD,
                "swiftpost", "parcelly"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("BOOKED"));
        assertThat(Shipping.shipmentOf(order).get("carrier_id"), is("swiftpost"));
        assertThat(sandbox.labelsIssued("swiftpost") - labelsBefore, is(1));
    }

    @Test
    void whenNoAllowedCarrierCanBookTheSagaIsToldWhichCarriersWereTried() {
        sandbox.switches("swiftpost").failNext = 100;
        sandbox.switches("parcelly").failNext = 100;

        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.EXPRESS,
                "parcelly", "swiftpost", "no-such-carrier"));

        assertThat(Shipping.awaitBookingOutcome(order).get("status"), is("FAILED"));
        List<String> failed = Db.published(ShipmentEvents.SHIPMENT_BOOKING_FAILED.name(), order);
        assertThat(failed, hasSize(1));
        assertThat(failed.get(0), containsString("\"triedCarriers\":[\"parcelly\",\"swiftpost\",\"no-such-carrier\"]"));
        assertThat(Shipping.dataOf(failed.get(0), "warehouseId"), is("WH-BER"));
    }

    @Test
    void anOrderSplitAcrossWarehousesGetsOneShipmentPerWarehouseEachBookedWithItsOrigin() {
        String order = Shipping.newOrderId();
        ShipmentBookingRequested berlin = Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost");
        ShipmentBookingRequested rotterdam = new ShipmentBookingRequested(order, berlin.customerId(), "WH-RTM",
                berlin.shipTo(), berlin.serviceLevel(), berlin.parcels(), berlin.allowedCarriers(), null);
        Shipping.requestBooking(events, berlin);
        Shipping.requestBooking(events, rotterdam);

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM booking_request WHERE order_id = ? AND status = 'BOOKED'", order) == 2);
        Map<String, String> warehouseByShipment = Db.rows(
                        "SELECT id, warehouse_id FROM shipment WHERE order_id = ? AND kind = 'OUTBOUND'", order).stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("warehouse_id")));
        assertThat(Set.copyOf(warehouseByShipment.values()), is(Set.of("WH-BER", "WH-RTM")));
        for (Map.Entry<String, String> shipment : warehouseByShipment.entrySet()) {
            String booked = Db.published(ShipmentEvents.SHIPMENT_BOOKED.name(), shipment.getKey()).get(0);
            assertThat(Shipping.dataOf(booked, "warehouseId"), is(shipment.getValue()));
        }
    }

    @Test
    void theLabelIsRetrievableAsTheCarrierIssuedIt() {
        String pdfOrder = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(pdfOrder, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        String zplOrder = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(zplOrder, Shipping.BERLIN, ServiceLevel.STANDARD, "parcelly"));
        Shipping.awaitBookingOutcome(pdfOrder);
        Shipping.awaitBookingOutcome(zplOrder);
        String token = Tokens.client("shipment-service", "warehouse-app", "shipments.read");

        given().auth().oauth2(token).when().get("/shipments/" + Shipping.shipmentOf(pdfOrder).get("id") + "/label")
                .then().statusCode(200).contentType("application/pdf").body(startsWith("%PDF-1.4"));
        given().auth().oauth2(token).when().get("/shipments/" + Shipping.shipmentOf(zplOrder).get("id") + "/label")
                .then().statusCode(200).contentType("application/x-zpl").body(startsWith("^XA"));
        given().when().get("/shipments/" + Shipping.shipmentOf(zplOrder).get("id") + "/label").then().statusCode(401);
    }
}
