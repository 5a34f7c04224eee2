package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReservationRejected;
import io.waybill.events.inventory.StockReserved;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.model.Quantity;
import io.waybill.model.inventory.Allocation;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.ROTTERDAM;
import static io.waybill.inventory.support.Inventory.deliver;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.line;
import static io.waybill.inventory.support.Inventory.newOrderId;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.published;
import static io.waybill.inventory.support.Inventory.receive;
import static io.waybill.inventory.support.Inventory.reservationRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AllocationSplitsAcrossWarehousesOnlyWhenAllowedTest {

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler handler;

    @Test
    void anOrderThatMayNotSplitIsRejectedWhenNoSingleWarehouseHoldsItAndNothingIsReserved() {
        String sku = newSku();
        receive(BERLIN, sku, null, 6);
        receive(ROTTERDAM, sku, null, 4);
        String orderId = newOrderId();

        deliver(inbound, handler, reservationRequest(orderId, false, List.of(BERLIN, ROTTERDAM), line("1", sku, 8)));

        ReservationRejected rejected = published(InventoryEvents.RESERVATION_REJECTED, orderId).get(0)
                .dataAs(InventoryEvents.RESERVATION_REJECTED);
        assertEquals(ReservationRejected.SPLIT_NOT_ALLOWED, rejected.reason());
        assertEquals(List.of(new ReservationRejected.Shortage(sku, Quantity.each(8), Quantity.each(6))),
                rejected.shortages());
        assertTrue(figures(sku, BERLIN).same(Figures.of(6, 0, 6)));
        assertTrue(figures(sku, ROTTERDAM).same(Figures.of(4, 0, 4)));
    }

    @Test
    void anOrderThatMaySplitTakesWhatTheFirstWarehouseHasAndTheRestFromTheNext() {
        String sku = newSku();
        receive(BERLIN, sku, null, 6);
        receive(ROTTERDAM, sku, null, 4);
        String orderId = newOrderId();

        deliver(inbound, handler, reservationRequest(orderId, true, List.of(BERLIN, ROTTERDAM), line("1", sku, 8)));

        StockReserved reserved = published(InventoryEvents.STOCK_RESERVED, orderId).get(0)
                .dataAs(InventoryEvents.STOCK_RESERVED);
        assertEquals(List.of(new Allocation("1", BERLIN, sku, null, Quantity.each(6)),
                new Allocation("1", ROTTERDAM, sku, null, Quantity.each(2))), reserved.allocations());
        assertTrue(figures(sku, BERLIN).same(Figures.of(6, 6, 0)));
        assertTrue(figures(sku, ROTTERDAM).same(Figures.of(4, 2, 2)));
    }

    @Test
    void oneWarehouseThatHoldsTheWholeOrderIsPreferredToASplitInRoutingOrder() {
        String mug = newSku();
        String plate = newSku();
        receive(BERLIN, mug, null, 5);
        receive(ROTTERDAM, mug, null, 5);
        receive(ROTTERDAM, plate, null, 5);
        String orderId = newOrderId();

        // Berlin comes first in routing order but has no plates: Rotterdam can ship everything in one parcel.
        deliver(inbound, handler, reservationRequest(orderId, true, List.of(BERLIN, ROTTERDAM),
                line("1", mug, 2), line("2", plate, 1)));

        StockReserved reserved = published(InventoryEvents.STOCK_RESERVED, orderId).get(0)
                .dataAs(InventoryEvents.STOCK_RESERVED);
        assertEquals(List.of(new Allocation("1", ROTTERDAM, mug, null, Quantity.each(2)),
                new Allocation("2", ROTTERDAM, plate, null, Quantity.each(1))), reserved.allocations());
    }

    @Test
    void tooLittleStockEverywhereIsRejectedWithTheShortage() {
        String sku = newSku();
        receive(BERLIN, sku, null, 2);
        receive(ROTTERDAM, sku, null, 1);
        String orderId = newOrderId();

        deliver(inbound, handler, reservationRequest(orderId, true, List.of(BERLIN, ROTTERDAM), line("1", sku, 4)));

        ReservationRejected rejected = published(InventoryEvents.RESERVATION_REJECTED, orderId).get(0)
                .dataAs(InventoryEvents.RESERVATION_REJECTED);
        assertEquals(ReservationRejected.INSUFFICIENT_STOCK, rejected.reason());
        assertEquals(List.of(new ReservationRejected.Shortage(sku, Quantity.each(4), Quantity.each(3))),
                rejected.shortages());
        assertTrue(figures(sku, BERLIN).same(Figures.of(2, 0, 2)));
    }

    @Test
    void aRepeatedRequestGetsTheSameReservationAndReservesNothingMore() {
        String sku = newSku();
        receive(BERLIN, sku, null, 5);
        String orderId = newOrderId();

        deliver(inbound, handler, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 2)));
        deliver(inbound, handler, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 2)));

        List<StockReserved> replies = published(InventoryEvents.STOCK_RESERVED, orderId).stream()
                .map(e -> e.dataAs(InventoryEvents.STOCK_RESERVED)).toList();
        assertEquals(2, replies.size());
        assertEquals(replies.get(0).reservationId(), replies.get(1).reservationId());
        assertEquals(replies.get(0).allocations(), replies.get(1).allocations());
        // The repeated answer holds the stock for another full TTL (ReservationLifecycleTest proves that); the
        // reservation and what it holds are the same.
        assertTrue(figures(sku, BERLIN).same(Figures.of(5, 2, 3)));
    }
}
