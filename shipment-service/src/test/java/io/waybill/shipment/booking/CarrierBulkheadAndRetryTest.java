package io.waybill.shipment.booking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierUnavailableException;
import io.waybill.shipment.carrier.sandbox.SandboxCarrierServer;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The carrier guards' retry and bulkhead as the booking meets them. {@code crowdpost} is a sandbox carrier with room
 * for one call at a time and the default retry policy (3 retries, 200 ms doubling).
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class CarrierBulkheadAndRetryTest {

    @Inject
    TestEvents events;
    @Inject
    SandboxCarrierServer sandbox;
    @Inject
    CarrierGuards guards;

    @BeforeEach
    @AfterEach
    void closedBreakers() {
        guards.resetBreakers();
    }

    @Test
    void aFailingCallIsRetriedAfterWaitsThatGrow() {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        assertThrows(CarrierUnavailableException.class, () -> guards.call("crowdpost", () -> {
            attempts.add(System.nanoTime());
            throw new CarrierUnavailableException("crowdpost", "HTTP 503");
        }, String.class));

        assertThat("first attempt and three retries", attempts.size(), is(4));
        // Each wait is at least the policy's doubling base (200, 400, 800 ms); the jitter only ever adds to it.
        for (int retry = 0; retry < 3; retry++) {
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(attempts.get(retry + 1) - attempts.get(retry));
            assertThat("wait before retry " + (retry + 1), waitedMs, greaterThanOrEqualTo(200L << retry));
        }
    }

    @Test
    void aCallBeyondTheBulkheadIsRefusedAtOnceInsteadOfQueued() throws Exception {
        try (HeldCall held = HeldCall.on(guards, "crowdpost")) {
            AtomicInteger ran = new AtomicInteger();
            CarrierUnavailableException refused = assertThrows(CarrierUnavailableException.class,
                    () -> guards.call("crowdpost", () -> "ran " + ran.incrementAndGet(), String.class));
            assertThat(refused.getMessage(), containsString("bulkhead full"));
            assertEquals(0, ran.get(), "refused without being run, and not retried");
        }
        assertEquals("room again", guards.call("crowdpost", () -> "room again", String.class));
    }

    @Test
    void aBookingThatFindsTheCarriersBulkheadFullGoesToTheNextCarrier() throws Exception {
        String crowded = Shipping.newOrderId();
        try (HeldCall held = HeldCall.on(guards, "crowdpost")) {
            int requestsBefore = sandbox.requests("crowdpost");
            Shipping.requestBooking(events, Shipping.bookingRequest(crowded, Shipping.BERLIN, ServiceLevel.STANDARD,
                    "crowdpost", "parcelly"));

            assertThat(Shipping.awaitBookingOutcome(crowded).get("status"), is("BOOKED"));
            assertThat(Shipping.shipmentOf(crowded).get("carrier_id"), is("parcelly"));
            assertThat("the full carrier was not called at all", sandbox.requests("crowdpost"), is(requestsBefore));
        }

        // With room again, the same request goes to crowdpost: it was the better offer, only full.
        String free = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(free, Shipping.BERLIN, ServiceLevel.STANDARD,
                "crowdpost", "parcelly"));
        assertThat(Shipping.awaitBookingOutcome(free).get("status"), is("BOOKED"));
        assertThat(Shipping.shipmentOf(free).get("carrier_id"), is("crowdpost"));
    }

    /** A call that occupies a carrier's bulkhead until closed. */
    private record HeldCall(CountDownLatch release, CompletableFuture<String> call) implements AutoCloseable {

        static HeldCall on(CarrierGuards guards, String carrierId) throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> guards.call(carrierId, () -> {
                inside.countDown();
                release.await();
                return "held";
            }, String.class));
            if (!inside.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the holding call never started");
            }
            return new HeldCall(release, call);
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            assertEquals("held", call.get(10, TimeUnit.SECONDS));
        }
    }
}
