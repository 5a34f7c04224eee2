package io.waybill.order.fulfilment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.OrderReleasedToWarehouse;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Money;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.order.fulfilment.acme.AcmeReleaseDispatcher;
import io.waybill.order.fulfilment.northwind.NorthwindConfirmationImport;
import io.waybill.order.fulfilment.northwind.NorthwindFiles;
import io.waybill.order.fulfilment.northwind.NorthwindReleaseExport;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.NorthwindFolders;
import io.waybill.order.support.OnVertx;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An order that allows splitting, whose stock inventory reserved in two warehouses, through the real broker and
 * database and both partner links: one shipment booked from each warehouse, one release to each 3PL (acme-3pl over
 * REST for WH-BERLIN, northwind-3pl by file for WH-ROTTERDAM), and the order follows only when both parts have.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class ASplitOrderShipsOneShipmentPerWarehouseTest {

    private static final String BERLIN = "WH-BERLIN";
    private static final String ROTTERDAM = "WH-ROTTERDAM";

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Inject
    NorthwindReleaseExport northwind;

    @Inject
    NorthwindConfirmationImport confirmations;

    @Inject
    NorthwindFiles files;

    @Test
    void eachWarehouseShipsItsPartAndTheOrderIsDeliveredWhenBothPartsArrive() throws IOException {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = bookedInBothWarehouses(customer, sku);
        assertEquals(2, Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND status = 'PENDING'",
                orderId), "one release per warehouse");

        // acme-3pl takes the Berlin part over REST, under a reference of its own.
        assertTrue(OnVertx.await(() -> acme.dispatchPending()) >= 1);
        Acme3plStub.server().verify(postRequestedFor(urlEqualTo("/acme/releases"))
                .withRequestBody(matchingJsonPath("$.releaseReference",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(orderId + "." + BERLIN)))
                .withRequestBody(matchingJsonPath("$.trackingNumber",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("TRK-" + BERLIN + "-" + orderId))));
        Awaiting.published(OrderEvents.RELEASED_TO_WAREHOUSE, orderId, 1);
        assertEquals("BOOKED", Database.status(orderId), "released only when every warehouse has its part");

        // northwind-3pl gets the Rotterdam part, and only its unit, as a file.
        assertTrue(OnVertx.await(() -> northwind.exportPending()) >= 1);
        String exported = NorthwindFolders.exportedFileMentioning(files, orderId, "releases-");
        assertTrue(exported.contains(orderId + "." + ROTTERDAM + "," + ROTTERDAM + ",1," + sku + ",1,EACH"), exported);
        Awaiting.status(orderId, "RELEASED");
        List<OrderReleasedToWarehouse> released = Awaiting.published(OrderEvents.RELEASED_TO_WAREHOUSE, orderId, 2);
        assertEquals(Set.of("shp-" + BERLIN + "-" + orderId, "shp-" + ROTTERDAM + "-" + orderId),
                released.stream().map(OrderReleasedToWarehouse::shipmentId).collect(Collectors.toSet()));

        // acme ships its part: the order waits for northwind's.
        acmeEvent(orderId + "." + BERLIN, "acme-ship-" + orderId, "SHIPPED").then().statusCode(202);
        assertEquals("RELEASED", Database.status(orderId));
        NorthwindFolders.drop(files, NorthwindFolders.CONFIRMATIONS_HEADER + "nw-ship-" + orderId + "," + orderId
                + "." + ROTTERDAM + ",SHIPPED,,,TRK-" + ROTTERDAM + "-" + orderId + ",2026-12-07T11:00:00Z\n");
        OnVertx.await(() -> confirmations.importAll());
        Awaiting.status(orderId, "SHIPPED");

        Awaiting.consumed("order-service.shipments", deliver(orderId, customer, ROTTERDAM));
        assertEquals("SHIPPED", Database.status(orderId), "one of two parcels arrived");
        deliver(orderId, customer, BERLIN);
        Awaiting.status(orderId, "DELIVERED");

        given().auth().oauth2(operator()).get("/ops/orders/{id}/saga", orderId).then().statusCode(200)
                .body("parts", hasSize(2))
                .body("parts.progress", everyItem(equalTo("DELIVERED")))
                .body("parts.warehouseId", equalTo(List.of(BERLIN, ROTTERDAM)));
    }

    @Test
    void aPartnerCanOnlyReportOnItsOwnPartOfASplitOrder() {
        String orderId = bookedInBothWarehouses(customer(), product("GENERAL"));
        OnVertx.await(() -> acme.dispatchPending());
        OnVertx.await(() -> northwind.exportPending());
        Awaiting.status(orderId, "RELEASED");

        acmeEvent(orderId + "." + ROTTERDAM, "acme-not-mine-" + orderId, "SHIPPED").then().statusCode(404);
        acmeEvent(orderId, "acme-whole-" + orderId, "SHIPPED").then().statusCode(404);
        assertEquals("RELEASED", Database.status(orderId));
    }

    @Test
    void cancellingASplitOrderBeforeHandOverCancelsBothShipmentsAndReleasesTheStockOnce() {
        String orderId = bookedInBothWarehouses(customer(), product("GENERAL"));

        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(Map.of("reason", "customer withdrew"))
                .post("/orders/{id}/cancellation", orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        assertEquals(Set.of("shp-" + BERLIN + "-" + orderId, "shp-" + ROTTERDAM + "-" + orderId),
                Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 2).stream()
                        .map(c -> c.shipmentId()).collect(Collectors.toSet()));
        assertEquals(1, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).size());
        assertEquals(0, Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND status <> 'WITHDRAWN'",
                orderId), "neither release goes out");
    }

    /** Submitted allowing splits, reserved one unit in each warehouse, and booked from both: BOOKED. */
    private String bookedInBothWarehouses(String customer, String sku) {
        Map<String, Object> body = order(customer, "DE", "STANDARD", sku);
        body.put("allowSplit", true);
        String orderId = submit(body);
        assertTrue(Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1).getFirst().allowSplit());
        broker.publish(InventoryEvents.STOCK_RESERVED, orderId,
                Participants.stockReservedSplit(orderId, sku, BERLIN, ROTTERDAM));

        List<ShipmentBookingRequested> bookings = Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 2);
        assertEquals(Set.of(BERLIN, ROTTERDAM), bookings.stream().map(ShipmentBookingRequested::warehouseId)
                .collect(Collectors.toSet()));
        // One unit each of a 3.5 kg product: each parcel weighs what its warehouse sends, not the whole order.
        bookings.forEach(b -> assertEquals(0, new BigDecimal("3.5").compareTo(b.parcels().getFirst().weightKg()),
                b.toString()));

        for (String warehouse : List.of(ROTTERDAM, BERLIN)) {
            broker.publish(ShipmentEvents.SHIPMENT_BOOKED, orderId, new ShipmentBooked(
                    "shp-" + warehouse + "-" + orderId, orderId, customer, "swiftpost", "swiftpost-standard", "STANDARD",
                    "TRK-" + warehouse + "-" + orderId, Money.of("7.90", "EUR"), null, LabelFormat.PDF, warehouse));
        }
        Awaiting.status(orderId, "BOOKED");
        return orderId;
    }

    private EventEnvelope deliver(String orderId, String customer, String warehouse) {
        return broker.publish(ShipmentEvents.SHIPMENT_DELIVERED, orderId, new ShipmentDelivered("shp-" + warehouse + "-" + orderId,
                orderId, customer, Instant.now(), "E. Mustermann", "pod-" + warehouse, null, null));
    }

    private static io.restassured.response.Response acmeEvent(String reference, String eventId, String type) {
        return given().auth().oauth2(Tokens.partner(AUDIENCE, "acme-3pl", "fulfilment.write"))
                .contentType(ContentType.JSON)
                .body(Map.of("eventId", eventId, "releaseReference", reference, "type", type))
                .post("/fulfilment/acme-3pl/events");
    }
}
