package io.waybill.order.reference;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.odoo.ProductSynced;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.model.Address;
import io.waybill.model.Quantity;
import io.waybill.model.order.OrderLine;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Odoo's product sync merges into Waybill's product data instead of replacing it: a SKU an operator set up keeps
 * its class, dimensions, packed weight and sold flag, so channel orders for it are still accepted after a sync.
 * Odoo archiving a product stops orders from Odoo for it; a product Odoo introduced follows Odoo entirely.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class AnOdooProductSyncChangesOnlyWhatOdooOwnsTest {

    private static final String CONSUMER = "order-service.odoo";
    private static final Address BERLIN = new Address("Erika Mustermann", null, "Hauptstrasse 5", null, "Berlin",
            null, "10115", "DE", null, null);

    @Inject
    SimulatedParticipants broker;

    @Test
    void aProductSetUpHereKeepsItsClassDimensionsAndSoldFlagAndChannelsCanStillOrderIt() {
        String sku = unique("SKU");
        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "Chair", "productClass", "FRAGILE", "weightKg", 3.5,
                        "lengthCm", 60, "widthCm", 50, "heightCm", 40))
                .put("/products/{sku}", sku).then().statusCode(204);

        // Archived in Odoo, with Odoo's catalogue weight: neither is Waybill's to lose.
        sync(sku, "Chair (Odoo name)", new BigDecimal("9.9"), false);

        String orderId = submit(order(customer(), "DE", "STANDARD", sku));
        assertEquals(List.of("Chair (Odoo name)", "4006381333931", "FRAGILE", "3.500", "60.0", "50.0", "40.0", "true",
                "true", "rest"), stored(sku));
        given().auth().oauth2(webshop()).get("/orders/{id}", orderId).then().statusCode(200)
                .body("status", equalTo("ALLOCATING"));
    }

    @Test
    void aProductArchivedInOdooStopsNewOrdersFromOdoo() {
        String sku = product("GENERAL");
        sync(sku, "Desk", null, false);

        String reference = unique("S");
        EventEnvelope order = broker.publish(OdooEvents.SALES_ORDER_CONFIRMED, reference, new SalesOrderConfirmed(
                "odoo", reference, 31, null, customer(), 11, "Customer", BERLIN,
                List.of(new OrderLine("1", sku, Quantity.each(1))), null, null, Instant.now()));
        Awaiting.consumed(CONSUMER, order);
        String orderId = orderIdOf(reference);
        assertEquals("ON_HOLD", Database.status(orderId));
        assertTrue(Database.statusReason(orderId).contains("SKU " + sku + " is archived in Odoo"),
                Database.statusReason(orderId));
    }

    @Test
    void aProductFirstSeenFromOdooFollowsOdoo() {
        String sku = unique("ODOO-SKU");
        sync(sku, "Lamp", new BigDecimal("2.25"), true);
        assertEquals(List.of("Lamp", "4006381333931", "GENERAL", "2.250", "30.0", "30.0", "30.0", "true", "false",
                "odoo"), stored(sku));
        String customer = customer();
        submit(order(customer, "DE", "STANDARD", sku));

        sync(sku, "Lamp", new BigDecimal("2.5"), false);
        assertEquals("2.500", stored(sku).get(3), "Odoo's weight for Odoo's product");
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(order(customer, "DE", "STANDARD", sku))
                .post("/orders").then().statusCode(422)
                .body("errors[0].field", equalTo("lines[0].sku"))
                .body("errors[0].message", equalTo("SKU " + sku + " is no longer sold"));
    }

    private void sync(String sku, String name, BigDecimal weight, boolean active) {
        EventEnvelope synced = broker.publish(OdooEvents.PRODUCT_SYNCED, sku,
                new ProductSynced(sku, 44, name, "4006381333931", weight, active, Instant.now()));
        Awaiting.consumed(CONSUMER, synced);
    }

    /** name, barcode, class, weight, length, width, height, active, archived in Odoo, source. */
    private static List<String> stored(String sku) {
        try (var c = Database.connect(); var s = c.prepareStatement("SELECT name, barcode, product_class, weight_kg,"
                + " length_cm, width_cm, height_cm, active::text, archived_in_odoo::text, source FROM product WHERE sku = ?")) {
            s.setString(1, sku);
            try (var rows = s.executeQuery()) {
                rows.next();
                List<String> values = new java.util.ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    values.add(rows.getString(i));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String orderIdOf(String reference) {
        try (var c = Database.connect(); var s = c.prepareStatement(
                "SELECT order_id FROM customer_order WHERE source_system = 'odoo' AND source_reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
