package io.waybill.order.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.CustomerSynced;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.odoo.ProductSynced;
import io.waybill.events.odoo.SalesOrderCancelled;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReservationRequested;
import io.waybill.model.Address;
import io.waybill.model.Quantity;
import io.waybill.model.order.OrderLine;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Odoo's confirmed sales orders arrive over the broker and become orders, once, with the same checks. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class OdooSalesOrdersBecomeOrdersTest {

    private static final Address BERLIN = new Address("Erika Mustermann", null, "Hauptstrasse 5", null, "Berlin",
            null, "10115", "DE", null, null);

    @Inject
    SimulatedParticipants broker;

    @Test
    void aConfirmedSalesOrderSentTwiceBecomesOneAllocatingOrder() {
        String customer = unique("ODOO-C");
        String sku = unique("ODOO-SKU");
        broker.publish(OdooEvents.CUSTOMER_SYNCED, customer, new CustomerSynced(customer, 7, "Odoo Customer",
                null, null, true, BERLIN, Instant.now()));
        broker.publish(OdooEvents.PRODUCT_SYNCED, sku, new ProductSynced(sku, 9, "Desk", null,
                new BigDecimal("12.5"), true, Instant.now()));
        String reference = unique("S");
        SalesOrderConfirmed confirmed = new SalesOrderConfirmed("odoo", reference, 25, null, customer, 7,
                "Odoo Customer", BERLIN, List.of(new OrderLine("101", sku, Quantity.each(1))), null, null, Instant.now());

        // The reference data may still be in flight: an order arriving first would be held, so wait for it.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                Database.count("SELECT count(*) FROM product WHERE sku = ?", sku) == 1
                        && Database.count("SELECT count(*) FROM customer WHERE customer_id = ?", customer) == 1);
        EventEnvelope first = broker.publish(OdooEvents.SALES_ORDER_CONFIRMED, reference, confirmed);
        broker.publish(OdooEvents.SALES_ORDER_CONFIRMED, reference, confirmed);
        broker.publish(first);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ALLOCATING".equals(statusOf(reference)));
        assertEquals(1, Database.count("SELECT count(*) FROM customer_order WHERE source_system = 'odoo' AND source_reference = ?", reference));
    }

    @Test
    void aSalesOrderForAnUnknownProductIsHeldAndRetriedOnceTheProductIsKnown() {
        String customer = customer();
        String sku = unique("LATE-SKU");
        String reference = unique("S");
        broker.publish(OdooEvents.SALES_ORDER_CONFIRMED, reference, new SalesOrderConfirmed("odoo", reference, 26,
                null, customer, 8, "Customer", BERLIN, List.of(new OrderLine("1", sku, Quantity.each(3))), null, null,
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ON_HOLD".equals(statusOf(reference)));
        String orderId = orderIdOf(reference);
        assertTrue(Database.statusReason(orderId).contains("unknown SKU " + sku), Database.statusReason(orderId));

        given().auth().oauth2(operator()).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "Late desk", "weightKg", 10, "lengthCm", 100, "widthCm", 60, "heightCm", 10))
                .put("/products/{sku}", sku).then().statusCode(204);
        given().auth().oauth2(operator()).post("/ops/orders/{id}/retry", orderId).then().statusCode(200);
        assertEquals("ALLOCATING", Database.status(orderId));
    }

    @Test
    void aSalesOrderCancelledInOdooIsCancelledHereAndItsStockReleased() {
        String customer = customer();
        String sku = product("GENERAL");
        String reference = unique("S");
        broker.publish(OdooEvents.SALES_ORDER_CONFIRMED, reference, new SalesOrderConfirmed("odoo", reference, 27,
                null, customer, 9, "Customer", BERLIN, List.of(new OrderLine("1", sku, Quantity.each(1))), null, null,
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ALLOCATING".equals(statusOf(reference)));
        String orderId = orderIdOf(reference);

        broker.publish(OdooEvents.SALES_ORDER_CANCELLED, reference,
                new SalesOrderCancelled("odoo", reference, 27, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(Database.status(orderId)));
        Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1);
    }

    @Test
    void anOdooOrderToShipAsSoonAsPossibleMayBeSplit() {
        String orderId = allocating(Boolean.TRUE);
        assertSplit(true, orderId);
    }

    @Test
    void anOdooOrderToShipWhenAllProductsAreReadyIsNeverSplit() {
        String orderId = allocating(Boolean.FALSE);
        assertSplit(false, orderId);
    }

    @Test
    void anOdooOrderFromAnOlderConnectorThatDoesNotSayIsNotSplit() {
        String orderId = allocating(null);
        assertSplit(false, orderId);
    }

    /** A confirmed Odoo order with the given shipping policy (null: the event has no allowSplit), taken in. */
    private String allocating(Boolean allowSplit) {
        String customer = customer();
        String sku = product("GENERAL");
        String reference = unique("S");
        List<OrderLine> lines = List.of(new OrderLine("1", sku, Quantity.each(2)));
        SalesOrderConfirmed confirmed = allowSplit == null
                ? new SalesOrderConfirmed("odoo", reference, 28, null, customer, 10, "Customer", BERLIN, lines, null,
                        null, Instant.now())
                : new SalesOrderConfirmed("odoo", reference, 28, null, customer, 10, "Customer", BERLIN, lines, null,
                        null, Instant.now(), allowSplit);
        EventEnvelope event = broker.publish(OdooEvents.SALES_ORDER_CONFIRMED, reference, confirmed);
        assertEquals(allowSplit != null, event.data().has("allowSplit"), "what the connector sent");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ALLOCATING".equals(statusOf(reference)));
        return orderIdOf(reference);
    }

    private static void assertSplit(boolean expected, String orderId) {
        assertEquals(expected, Database.count("SELECT count(*) FROM customer_order WHERE order_id = ? AND allow_split",
                orderId) == 1, "the order's allowSplit");
        StockReservationRequested reservation =
                Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1).get(0);
        assertEquals(expected, reservation.allowSplit(), "the stock reservation's allowSplit");
    }

    private static String statusOf(String reference) {
        String id = orderIdOf(reference);
        return id == null ? null : Database.status(id);
    }

    private static String orderIdOf(String reference) {
        try (var c = Database.connect(); var s = c.prepareStatement(
                "SELECT order_id FROM customer_order WHERE source_system = 'odoo' AND source_reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
