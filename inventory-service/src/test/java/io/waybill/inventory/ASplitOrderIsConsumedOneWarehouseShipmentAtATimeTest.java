package io.waybill.inventory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReleaseRequested;
import io.waybill.events.shipment.MilestoneRecorded;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.inventory.messaging.ShipmentFactsHandler;
import io.waybill.inventory.reservation.Reservations;
import io.waybill.inventory.reservation.Reservations.PickShortageOutcome;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.model.Quantity;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.ACME;
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
import static io.waybill.inventory.support.Inventory.onVertx;
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
 * An order whose stock is split across warehouses ships one shipment per warehouse: each shipment's first scan takes
 * only its warehouse's part out of stock, and the reservation is used up when the last part has left.
 * Every order here holds 6 units in Berlin (all it has) and 2 of Rotterdam's 4.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ASplitOrderIsConsumedOneWarehouseShipmentAtATimeTest {

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler orders;

    @Inject
    ShipmentFactsHandler shipments;

    @Inject
    Reservations reservations;

    @Test
    void eachWarehousesShipmentTakesOnlyItsPartAndTheLastOneUsesTheReservationUp() {
        SplitOrder order = reserveAndBookSplitOrder();

        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)), "Berlin's part left");
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 2, 2)),
                "Rotterdam's part is still on hand and promised: " + figures(order.sku(), ROTTERDAM));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONFIRMED"))
                .body(allocationAt(BERLIN, "shippedWith"), equalTo(order.fromBerlin()))
                .body(allocationAt(BERLIN, "shippedAt"), notNullValue())
                .body(allocationAt(ROTTERDAM, "shippedWith"), nullValue());

        deliver(inbound, shipments, scanned(order.orderId(), order.fromRotterdam(), ROTTERDAM, Milestone.IN_TRANSIT));

        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(2, 0, 2)), "Rotterdam's part left");
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONSUMED"))
                .body(allocationAt(ROTTERDAM, "shippedWith"), equalTo(order.fromRotterdam()));
        assertTrue(ledgerSums(order.sku(), BERLIN).same(figures(order.sku(), BERLIN)));
        assertTrue(ledgerSums(order.sku(), ROTTERDAM).same(figures(order.sku(), ROTTERDAM)));
    }

    @Test
    void laterScansAndTheDeliveryOfAShipmentThatAlreadyLeftChangeNothing() {
        SplitOrder order = reserveAndBookSplitOrder();
        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));

        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.DELIVERED));
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_DELIVERED, order.fromBerlin(),
                new ShipmentDelivered(order.fromBerlin(), order.orderId(), "C-1001", Instant.now(), "E. MUSTERMANN",
                        "sandbox:pod/1.jpg", "sandbox:pod/1.jpg", null, BERLIN)));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 2, 2)), "the other part is still promised");
        assertEquals(1, shipmentMovements(order.sku(), BERLIN), "shipped once");
        assertEquals(0, shipmentMovements(order.sku(), ROTTERDAM));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONFIRMED"));
    }

    @Test
    void aReleaseAfterOnePartShippedGivesBackOnlyTheUnshippedPartAndItsReturnStillFindsItsWarehouse() {
        SplitOrder order = reserveAndBookSplitOrder();
        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));

        deliver(inbound, orders, envelope(OrderEvents.STOCK_RELEASE_REQUESTED, order.orderId(),
                new StockReleaseRequested(order.orderId(), "Rotterdam's part cancelled", null)));

        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 0, 4)), "Rotterdam's part is free again");
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)), "what shipped is not given back");
        assertEquals("Rotterdam's part cancelled", published(InventoryEvents.RESERVATION_RELEASED, order.orderId())
                .get(0).dataAs(InventoryEvents.RESERVATION_RELEASED).reason());
        reservationOf(order.orderId()).body("[0].status", equalTo("RELEASED"))
                .body(allocationAt(BERLIN, "shippedWith"), equalTo(order.fromBerlin()));

        // The customer sends back what Berlin shipped; the return does not say where to: it goes where it came from.
        deliver(inbound, shipments, envelope(ShipmentEvents.RETURN_RECEIVED, order.fromBerlin(),
                new ReturnReceived("ret-" + order.orderId(), order.fromBerlin(), order.orderId(), "C-1001",
                        List.of(new ReturnLine(order.sku(), Quantity.each(1))), null, null, Instant.now())));
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(1, 0, 1)), "returned: " + figures(order.sku(), BERLIN));
        assertTrue(ledgerSums(order.sku(), BERLIN).same(figures(order.sku(), BERLIN)));
        assertTrue(ledgerSums(order.sku(), ROTTERDAM).same(figures(order.sku(), ROTTERDAM)));
    }

    @Test
    void aPickShortageAtAWarehouseWhosePartAlreadyShippedLeavesTheReservationAlone() {
        SplitOrder order = reserveAndBookSplitOrder();
        receive(BERLIN, order.sku(), null, 3);
        deliver(inbound, shipments, scanned(order.orderId(), order.fromBerlin(), BERLIN, Milestone.PICKED_UP));
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(3, 0, 3)));

        PickShortageOutcome outcome = onVertx(() -> Panache.withTransaction(() -> reservations.absorbPickShortage(
                order.orderId(), BERLIN, order.sku(), null, BigDecimal.ONE, "acme-evt-" + order.orderId(), ACME)));

        assertEquals(0, outcome.reservationReduced().signum(), "the shipped part is not the order's to shrink");
        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(2, 0, 2)), "the missing unit is gone from the shelf");
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(4, 2, 2)));
        assertTrue(ledgerSums(order.sku(), BERLIN).same(figures(order.sku(), BERLIN)));
    }

    @Test
    void aScanThatDoesNotNameItsWarehouseConsumesEverythingTheOrderHoldsAsBefore() {
        SplitOrder order = reserveAndBookSplitOrder();

        // The shape older shipment-service releases publish: no warehouse.
        deliver(inbound, shipments, envelope(ShipmentEvents.MILESTONE_RECORDED, order.fromBerlin(),
                new MilestoneRecorded(order.fromBerlin(), order.orderId(), "C-1001", Milestone.PICKED_UP, "PU",
                        Instant.now(), Instant.now(), "Berlin", "Picked up", Milestone.PICKED_UP, null)));

        assertTrue(figures(order.sku(), BERLIN).same(Figures.of(0, 0, 0)));
        assertTrue(figures(order.sku(), ROTTERDAM).same(Figures.of(2, 0, 2)));
        reservationOf(order.orderId()).body("[0].status", equalTo("CONSUMED"))
                .body(allocationAt(ROTTERDAM, "shippedWith"), equalTo(order.fromBerlin()));
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, order.orderId()));
    }

    private record SplitOrder(String orderId, String sku, String fromBerlin, String fromRotterdam) {
    }

    /** 8 units, split: Berlin's 6 and 2 of Rotterdam's 4, each part booked as its own shipment. */
    private SplitOrder reserveAndBookSplitOrder() {
        String sku = newSku();
        receive(BERLIN, sku, null, 6);
        receive(ROTTERDAM, sku, null, 4);
        String orderId = newOrderId();
        deliver(inbound, orders, reservationRequest(orderId, true, List.of(BERLIN, ROTTERDAM), line("1", sku, 8)));
        SplitOrder order = new SplitOrder(orderId, sku, "shp-ber-" + orderId, "shp-rtm-" + orderId);
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, order.fromBerlin(),
                booked(order.fromBerlin(), orderId, BERLIN)));
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, order.fromRotterdam(),
                booked(order.fromRotterdam(), orderId, ROTTERDAM)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(6, 6, 0)));
        assertTrue(figures(sku, ROTTERDAM).same(Figures.of(4, 2, 2)));
        return order;
    }

    private static long shipmentMovements(String sku, String warehouseId) {
        List<Map<String, Object>> movements = given().auth().oauth2(reader())
                .queryParam("sku", sku).queryParam("warehouse", warehouseId)
                .when().get("/inventory/movements")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return movements.stream().filter(m -> "SHIPMENT".equals(m.get("type"))).count();
    }
}
