package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReleaseRequested;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.inventory.messaging.ShipmentFactsHandler;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.model.Quantity;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.ROTTERDAM;
import static io.waybill.inventory.support.Inventory.deliver;
import static io.waybill.inventory.support.Inventory.allocationAt;
import static io.waybill.inventory.support.Inventory.reservationOf;
import static io.waybill.inventory.support.Inventory.scanned;
import static io.waybill.inventory.support.Inventory.booked;
import static io.waybill.inventory.support.Inventory.envelope;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.ledgerSums;
import static io.waybill.inventory.support.Inventory.line;
import static io.waybill.inventory.support.Inventory.newOrderId;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.published;
import static io.waybill.inventory.support.Inventory.reader;
import static io.waybill.inventory.support.Inventory.receive;
import static io.waybill.inventory.support.Inventory.reservationRequest;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A split order is cancelled after one partner already shipped its part: order-service asks to release only the
 * cancelled part's warehouses ({@code stock-release-requested} with {@code warehouseIds}). Only those warehouses'
 * unshipped allocations go back to available stock; the shipped part stays reserved until its carrier's scan
 * consumes it, and no {@code reservation-released} tells order-service the order lost its reservation.
 * Unless said otherwise the order holds 6 units in Berlin (all it has) and 2 of Rotterdam's 4.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ACancelledPartOfASplitOrderGivesBackOnlyItsWarehousesStockTest {

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler orders;

    @Inject
    ShipmentFactsHandler shipments;

    @Test
    void releasingOneWarehouseFreesOnlyItsPartAndTheOtherPartsScanUsesTheReservationUp() {
        SplitOrder order = reserveAndBookSplitOrder(List.of(BERLIN, ROTTERDAM));

        deliver(inbound, orders, releaseOf(order, ROTTERDAM));

        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)),
                "Rotterdam's cancelled part is available again: " + figures(order.sku(), ROTTERDAM));
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(6, 6, 0)),
                "Berlin's part is on the road and stays reserved: " + figures(order.sku(), BERLIN));
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, order.orderId()),
                "the order has not lost its reservation");
        reservationOf(order.orderId()).body("[0].status", equalTo("CONFIRMED"))
                .body(allocationAt(ROTTERDAM, "releasedAt"), notNullValue())
                .body(allocationAt(BERLIN, "releasedAt"), nullValue());

        // Repeated (redelivered with another event id): nothing more to give back.
        deliver(inbound, orders, releaseOf(order, ROTTERDAM));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)));
        assertEquals(1, movements(order.sku(), ROTTERDAM, "RELEASE"), "released once");

        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)), "Berlin's part left");
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONSUMED"))
                .body(allocationAt(BERLIN, "shippedWith"), equalTo(order.fromBerlin()))
                .body(allocationAt(ROTTERDAM, "shippedWith"), nullValue());
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, order.orderId()));
        assertTrue(ledgerSums(order.sku(), BERLIN).same(figures(order.sku(), BERLIN)));
        assertTrue(ledgerSums(order.sku(), ROTTERDAM).same(figures(order.sku(), ROTTERDAM)));
    }

    @Test
    void aReleaseNamingAWarehouseWhosePartAlreadyShippedChangesNothing() {
        SplitOrder order = reserveAndBookSplitOrder(List.of(BERLIN, ROTTERDAM));
        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));

        deliver(inbound, orders, releaseOf(order, BERLIN));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)), "what shipped is not given back");
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 2, 2)), "the other part is still promised");
        assertEquals(0, movements(order.sku(), BERLIN, "RELEASE"));
        assertEquals(0, movements(order.sku(), ROTTERDAM, "RELEASE"));
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, order.orderId()));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONFIRMED"))
                .body(allocationAt(BERLIN, "releasedAt"), nullValue());
    }

    @Test
    void releasingTheLastUnshippedPartUsesTheReservationUpAndAReturnStillGoesWhereTheGoodsShippedFrom() {
        // Routing order Rotterdam first: Rotterdam's 4 (all it has) and 4 of Berlin's 6. Rotterdam's allocation
        // comes first, so a return that does not name its warehouse would wrongly go there if a released
        // allocation counted as shipped.
        SplitOrder order = reserveAndBookSplitOrder(List.of(ROTTERDAM, BERLIN));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 4, 0)));
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(6, 4, 2)));
        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));

        deliver(inbound, orders, releaseOf(order, ROTTERDAM));

        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)));
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(2, 0, 2)));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONSUMED"));
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, order.orderId()),
                "the order's goods shipped; its reservation was not lost");

        deliver(inbound, shipments, envelope(ShipmentEvents.RETURN_RECEIVED, order.fromBerlin(),
                new ReturnReceived("ret-" + order.orderId(), order.fromBerlin(), order.orderId(), "C-1001",
                        List.of(new ReturnLine(order.sku(), Quantity.each(1))), null, null, Instant.now())));
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(3, 0, 3)), "returned: " + figures(order.sku(), BERLIN));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)));
        assertTrue(ledgerSums(order.sku(), BERLIN).same(figures(order.sku(), BERLIN)));
        assertTrue(ledgerSums(order.sku(), ROTTERDAM).same(figures(order.sku(), ROTTERDAM)));
    }

    @Test
    void aReleaseNamingEveryWarehouseOfAnUnshippedOrderReleasesTheWholeReservation() {
        SplitOrder order = reserveAndBookSplitOrder(List.of(BERLIN, ROTTERDAM));

        deliver(inbound, orders, releaseOf(order, BERLIN, ROTTERDAM));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(6, 0, 6)));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)));
        reservationOf(order.orderId()).body("[0].status", equalTo("RELEASED"));
        assertEquals(1, published(InventoryEvents.RESERVATION_RELEASED, order.orderId()).size());
    }

    @Test
    void aReleaseWithoutWarehousesReleasesEverythingAsBefore() {
        SplitOrder order = reserveAndBookSplitOrder(List.of(BERLIN, ROTTERDAM));

        deliver(inbound, orders, envelope(OrderEvents.STOCK_RELEASE_REQUESTED, order.orderId(),
                new StockReleaseRequested(order.orderId(), "order cancelled", null)));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(6, 0, 6)));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)));
        reservationOf(order.orderId()).body("[0].status", equalTo("RELEASED"));
        List<EventEnvelope> released = published(InventoryEvents.RESERVATION_RELEASED, order.orderId());
        assertEquals(1, released.size());
        assertEquals("order cancelled", released.get(0).dataAs(InventoryEvents.RESERVATION_RELEASED).reason());
        assertTrue(ledgerSums(order.sku(), BERLIN).same(figures(order.sku(), BERLIN)));
        assertTrue(ledgerSums(order.sku(), ROTTERDAM).same(figures(order.sku(), ROTTERDAM)));
    }

    private record SplitOrder(String orderId, String sku, String fromBerlin, String fromRotterdam) {
    }

    /** 8 units from Berlin's 6 and Rotterdam's 4, split in routing order, each part booked as its own shipment. */
    private SplitOrder reserveAndBookSplitOrder(List<String> routing) {
        String sku = newSku();
        receive(BERLIN, sku, null, 6);
        receive(ROTTERDAM, sku, null, 4);
        String orderId = newOrderId();
        deliver(inbound, orders, reservationRequest(orderId, true, routing, line("1", sku, 8)));
        SplitOrder order = new SplitOrder(orderId, sku, "shp-ber-" + orderId, "shp-rtm-" + orderId);
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, order.fromBerlin(),
                booked(order.fromBerlin(), orderId, BERLIN)));
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, order.fromRotterdam(),
                booked(order.fromRotterdam(), orderId, ROTTERDAM)));
        return order;
    }

    private static EventEnvelope releaseOf(SplitOrder order, String... warehouseIds) {
        return envelope(OrderEvents.STOCK_RELEASE_REQUESTED, order.orderId(),
                new StockReleaseRequested(order.orderId(), "order cancelled; the other part already shipped", null,
                        List.of(warehouseIds)));
    }

    private static long movements(String sku, String warehouseId, String type) {
        List<Map<String, Object>> movements = given().auth().oauth2(reader())
                .queryParam("sku", sku).queryParam("warehouse", warehouseId)
                .when().get("/inventory/movements")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return movements.stream().filter(m -> type.equals(m.get("type"))).count();
    }
}
