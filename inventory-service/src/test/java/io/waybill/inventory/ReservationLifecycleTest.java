package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReservationConfirmationRefused;
import io.waybill.events.inventory.ReservationReleased;
import io.waybill.events.inventory.StockReserved;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReleaseRequested;
import io.waybill.events.shipment.MilestoneRecorded;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.inventory.messaging.ShipmentFactsHandler;
import io.waybill.inventory.reservation.ReservationExpiry;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.model.Money;
import io.waybill.model.Quantity;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.deliver;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held stock expires, is released on request, is confirmed by a booking, consumed by shipping, and returns come back. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReservationLifecycleTest {

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler orders;

    @Inject
    ShipmentFactsHandler shipments;

    @Inject
    ReservationExpiry expiry;

    @ConfigProperty(name = "waybill.inventory.reservation.ttl")
    Duration ttl;

    @Test
    void anUnconfirmedReservationExpiresAndItsStockIsAvailableAgainWhileABookedOneStays() {
        String sku = newSku();
        receive(BERLIN, sku, null, 5);
        String unconfirmed = newOrderId();
        String booked = newOrderId();
        deliver(inbound, orders, reservationRequest(unconfirmed, false, List.of(BERLIN), line("1", sku, 3)));
        deliver(inbound, orders, reservationRequest(booked, false, List.of(BERLIN), line("1", sku, 1)));
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, "shp-" + booked, booked(booked)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(5, 4, 1)));

        StockReserved held = published(InventoryEvents.STOCK_RESERVED, unconfirmed).get(0)
                .dataAs(InventoryEvents.STOCK_RESERVED);
        int beforeItsTime = onVertx(() -> expiry.releaseExpired(held.expiresAt().minusSeconds(1)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(5, 4, 1)), "nothing lapses before its time");

        int released = onVertx(() -> expiry.releaseExpired(Instant.now().plus(ttl).plusSeconds(60)));

        assertTrue(released >= 1, "released " + released + " (after " + beforeItsTime + " before its time)");
        assertTrue(figures(sku, BERLIN).same(Figures.of(5, 1, 4)), "only the booked order still holds stock");
        ReservationReleased event = published(InventoryEvents.RESERVATION_RELEASED, unconfirmed).get(0)
                .dataAs(InventoryEvents.RESERVATION_RELEASED);
        assertEquals(new ReservationReleased(unconfirmed, held.reservationId(), ReservationReleased.EXPIRED), event);
        assertEquals("corr-" + unconfirmed, published(InventoryEvents.RESERVATION_RELEASED, unconfirmed).get(0)
                .correlationid(), "the expiry stays in the order's flow");
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, booked));
        given().auth().oauth2(reader()).queryParam("orderId", booked).when().get("/reservations")
                .then().statusCode(200).body("[0].status", equalTo("CONFIRMED"));
        given().auth().oauth2(reader()).queryParam("orderId", unconfirmed).when().get("/reservations")
                .then().statusCode(200).body("[0].status", equalTo("EXPIRED"));
        assertTrue(ledgerSums(sku, BERLIN).same(figures(sku, BERLIN)), "the ledger explains every figure");
    }

    @Test
    void aBookingForALapsedHoldIsRefusedAndConfirmsNothing() {
        String sku = newSku();
        receive(BERLIN, sku, null, 2);
        String lapsed = newOrderId();
        String other = newOrderId();
        deliver(inbound, orders, reservationRequest(lapsed, false, List.of(BERLIN), line("1", sku, 2)));
        StockReserved held = published(InventoryEvents.STOCK_RESERVED, lapsed).get(0)
                .dataAs(InventoryEvents.STOCK_RESERVED);
        onVertx(() -> expiry.releaseExpired(held.expiresAt().plusSeconds(1)));
        deliver(inbound, orders, reservationRequest(other, false, List.of(BERLIN), line("1", sku, 2)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(2, 2, 0)), "the freed stock went to another order");

        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, "shp-" + lapsed, booked(lapsed)));

        ReservationConfirmationRefused refused = published(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED, lapsed)
                .get(0).dataAs(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED);
        assertEquals(new ReservationConfirmationRefused(lapsed, "shp-" + lapsed, held.reservationId(),
                ReservationConfirmationRefused.EXPIRED), refused);
        assertTrue(figures(sku, BERLIN).same(Figures.of(2, 2, 0)), "nothing more is promised than is on hand");
        given().auth().oauth2(reader()).queryParam("orderId", lapsed).when().get("/reservations")
                .then().statusCode(200).body("[0].status", equalTo("EXPIRED"));
    }

    @Test
    void askingAgainForAStillHeldReservationHoldsItForAnotherFullTtl() {
        String sku = newSku();
        receive(BERLIN, sku, null, 3);
        String orderId = newOrderId();
        deliver(inbound, orders, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 1)));
        StockReserved first = published(InventoryEvents.STOCK_RESERVED, orderId).get(0)
                .dataAs(InventoryEvents.STOCK_RESERVED);

        deliver(inbound, orders, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 1)));

        List<StockReserved> answers = published(InventoryEvents.STOCK_RESERVED, orderId).stream()
                .map(e -> e.dataAs(InventoryEvents.STOCK_RESERVED)).toList();
        assertEquals(2, answers.size());
        assertEquals(first.reservationId(), answers.get(1).reservationId(), "the same reservation, not a second one");
        assertTrue(answers.get(1).expiresAt().isAfter(first.expiresAt()), "held longer than first promised");

        onVertx(() -> expiry.releaseExpired(first.expiresAt()));
        assertTrue(figures(sku, BERLIN).same(Figures.of(3, 1, 2)), "still held when the first answer said it lapses");
        assertEquals(List.of(), published(InventoryEvents.RESERVATION_RELEASED, orderId));
    }

    @Test
    void aReleaseRequestReturnsTheStockAndRepeatingItChangesNothing() {
        String sku = newSku();
        receive(BERLIN, sku, null, 4);
        String orderId = newOrderId();
        deliver(inbound, orders, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 4)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(4, 4, 0)));

        StockReleaseRequested release = new StockReleaseRequested(orderId, "no carrier can take the shipment", null);
        deliver(inbound, orders, envelope(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, release));
        deliver(inbound, orders, envelope(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, release));

        assertTrue(figures(sku, BERLIN).same(Figures.of(4, 0, 4)));
        List<ReservationReleased> releases = published(InventoryEvents.RESERVATION_RELEASED, orderId).stream()
                .map(e -> e.dataAs(InventoryEvents.RESERVATION_RELEASED)).toList();
        assertEquals(1, releases.size());
        assertEquals("no carrier can take the shipment", releases.get(0).reason());
        assertTrue(ledgerSums(sku, BERLIN).same(figures(sku, BERLIN)));
    }

    @Test
    void shippedGoodsLeaveOnHandAndReturnedGoodsComeBack() {
        String sku = newSku();
        receive(BERLIN, sku, "LOT-7", 10);
        String orderId = newOrderId();
        String shipmentId = "shp-" + orderId;
        deliver(inbound, orders, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 3)));
        deliver(inbound, shipments, envelope(ShipmentEvents.SHIPMENT_BOOKED, shipmentId, booked(orderId)));

        deliver(inbound, shipments, envelope(ShipmentEvents.MILESTONE_RECORDED, shipmentId,
                new MilestoneRecorded(shipmentId, orderId, "C-1001", Milestone.PICKED_UP, "PU", Instant.now(),
                        Instant.now(), "Berlin", "Picked up", Milestone.PICKED_UP, null)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(7, 0, 7)), "shipped: " + figures(sku, BERLIN));

        // A later scan of the same shipment changes nothing more.
        deliver(inbound, shipments, envelope(ShipmentEvents.MILESTONE_RECORDED, shipmentId,
                new MilestoneRecorded(shipmentId, orderId, "C-1001", Milestone.DELIVERED, "DL", Instant.now(),
                        Instant.now(), "Paris", "Delivered", Milestone.DELIVERED, null)));
        assertTrue(figures(sku, BERLIN).same(Figures.of(7, 0, 7)));

        deliver(inbound, shipments, envelope(ShipmentEvents.RETURN_RECEIVED, shipmentId,
                new ReturnReceived("ret-" + orderId, shipmentId, orderId, "C-1001",
                        List.of(new ReturnLine(sku, Quantity.each(1))), null, null, Instant.now())));
        assertTrue(figures(sku, BERLIN).same(Figures.of(8, 0, 8)), "returned: " + figures(sku, BERLIN));
        assertTrue(ledgerSums(sku, BERLIN).same(figures(sku, BERLIN)));
    }

    private static ShipmentBooked booked(String orderId) {
        return new ShipmentBooked("shp-" + orderId, orderId, "C-1001", "carrier-sandbox", "STD", "STANDARD",
                "TRK-" + orderId, Money.of("5.90", "EUR"), null, LabelFormat.PDF);
    }
}
