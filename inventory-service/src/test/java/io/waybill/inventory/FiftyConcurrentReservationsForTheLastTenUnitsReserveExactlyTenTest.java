package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReservationRejected;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.deliver;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.ledgerSums;
import static io.waybill.inventory.support.Inventory.line;
import static io.waybill.inventory.support.Inventory.newOrderId;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.published;
import static io.waybill.inventory.support.Inventory.receive;
import static io.waybill.inventory.support.Inventory.reservationRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oversell race against the real PostgreSQL: 50 orders ask for the last 10 units at the same moment, each on
 * its own thread through the full inbox path (inbox record, row-locked allocation, ledger, outbox reply).
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class FiftyConcurrentReservationsForTheLastTenUnitsReserveExactlyTenTest {

    private static final int ORDERS = 50;
    private static final int UNITS = 10;

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler handler;

    @Test
    void exactlyTenUnitsAreReservedAndAvailableNeverGoesNegative() throws Exception {
        String sku = newSku();
        receive(BERLIN, sku, null, UNITS);

        List<String> orders = new ArrayList<>();
        List<EventEnvelope> requests = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String orderId = newOrderId();
            orders.add(orderId);
            requests.add(reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 1)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(ORDERS);
        CountDownLatch startingGun = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (EventEnvelope request : requests) {
            running.add(pool.submit(() -> {
                startingGun.await();
                deliver(inbound, handler, request);
                return null;
            }));
        }
        long started = System.nanoTime();
        startingGun.countDown();
        for (Future<?> call : running) {
            call.get();
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        pool.shutdown();
        System.out.printf("[figures] %d concurrent reservation requests for %d units handled in %d ms%n",
                ORDERS, UNITS, elapsedMs);

        int reserved = 0;
        int rejected = 0;
        for (String orderId : orders) {
            int reservedReplies = published(InventoryEvents.STOCK_RESERVED, orderId).size();
            List<EventEnvelope> rejections = published(InventoryEvents.RESERVATION_REJECTED, orderId);
            assertEquals(1, reservedReplies + rejections.size(), "exactly one answer for " + orderId);
            reserved += reservedReplies;
            rejected += rejections.size();
            rejections.forEach(r -> assertEquals(ReservationRejected.INSUFFICIENT_STOCK,
                    r.dataAs(InventoryEvents.RESERVATION_REJECTED).reason()));
        }
        assertEquals(UNITS, reserved, "orders that got stock");
        assertEquals(ORDERS - UNITS, rejected, "orders refused");

        Figures figures = figures(sku, BERLIN);
        assertTrue(figures.same(Figures.of(UNITS, UNITS, 0)), "figures after the race: " + figures);
        assertTrue(figures.available().signum() >= 0);
        assertTrue(ledgerSums(sku, BERLIN).same(figures), "the ledger explains every figure");
        assertEquals(0, BigDecimal.ZERO.compareTo(ledgerSums(sku, BERLIN).available()));
    }
}
