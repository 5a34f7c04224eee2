package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.PickShortageReported;
import io.waybill.events.inventory.StockAdjusted;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.model.Quantity;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.ACME;
import static io.waybill.inventory.support.Inventory.AUDIENCE;
import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.NORTHWIND;
import static io.waybill.inventory.support.Inventory.ROTTERDAM;
import static io.waybill.inventory.support.Inventory.deliver;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.ledgerSums;
import static io.waybill.inventory.support.Inventory.line;
import static io.waybill.inventory.support.Inventory.newOrderId;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.published;
import static io.waybill.inventory.support.Inventory.receive;
import static io.waybill.inventory.support.Inventory.reservationRequest;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 3PL stock webhook: exactly-once per partner event id, and only for the partner's own warehouses. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PartnerStockEventsTest {

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler orders;

    static String acme() {
        return Tokens.partner(AUDIENCE, ACME, "inventory.adjust");
    }

    static Map<String, Object> event(String type, String warehouse, String sku, Object quantity) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", "acme-" + UUID.randomUUID());
        event.put("type", type);
        event.put("warehouseId", warehouse);
        event.put("sku", sku);
        event.put("quantity", quantity);
        return event;
    }

    static Response post(String token, String partner, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/partners/{partner}/stock-events", partner);
    }

    @Test
    void theSamePartnerEventTwiceGetsTheSameAnswerAndHasOneEffect() {
        String sku = newSku();
        receive(BERLIN, sku, null, 10);
        Map<String, Object> damage = event("DAMAGE", BERLIN, sku, 2);
        damage.put("note", "forklift");

        Response first = post(acme(), ACME, damage);
        Response second = post(acme(), ACME, damage);

        first.then().statusCode(200).header("Idempotent-Replayed", "false").body("onHand", equalTo(8));
        second.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getMap("$"), second.jsonPath().getMap("$"));
        assertTrue(figures(sku, BERLIN).same(Figures.of(8, 0, 8)));
        assertTrue(ledgerSums(sku, BERLIN).same(figures(sku, BERLIN)));
        List<StockAdjusted> adjustments = published(InventoryEvents.STOCK_ADJUSTED, BERLIN + "/" + sku).stream()
                .map(e -> e.dataAs(InventoryEvents.STOCK_ADJUSTED))
                .filter(a -> "DAMAGE".equals(a.reason())).toList();
        assertEquals(1, adjustments.size());
        assertEquals(0, new BigDecimal("-2").compareTo(adjustments.get(0).delta()));
        assertEquals(ACME, adjustments.get(0).partnerId());
        assertEquals(damage.get("eventId"), adjustments.get(0).partnerEventId());

        // The same id with other content is a partner bug, not a retry.
        damage.put("quantity", 3);
        post(acme(), ACME, damage).then().statusCode(409).contentType("application/problem+json");
        assertTrue(figures(sku, BERLIN).same(Figures.of(8, 0, 8)));
    }

    @Test
    void aCycleCountSetsOnHandToWhatWasCountedAndAReceiptAddsToIt() {
        String sku = newSku();
        receive(BERLIN, sku, null, 10);

        post(acme(), ACME, event("CYCLE_COUNT", BERLIN, sku, 7)).then().statusCode(200).body("delta", equalTo(-3));
        post(acme(), ACME, event("RECEIPT", BERLIN, sku, 5)).then().statusCode(200).body("onHand", equalTo(12));

        assertTrue(figures(sku, BERLIN).same(Figures.of(12, 0, 12)));
        assertTrue(ledgerSums(sku, BERLIN).same(figures(sku, BERLIN)));
    }

    @Test
    void anotherPartnersWarehouseIsRefusedAsUnknownAndNothingChanges() {
        String sku = newSku();
        receive(ROTTERDAM, sku, null, 10);

        // Acme does not run Rotterdam.
        post(acme(), ACME, event("DAMAGE", ROTTERDAM, sku, 1)).then().statusCode(404)
                .contentType("application/problem+json");
        // Acme cannot speak for Northwind either.
        post(acme(), NORTHWIND, event("DAMAGE", ROTTERDAM, sku, 1)).then().statusCode(404);
        // Northwind without the adjust scope, and a token meant for another service.
        post(Tokens.partner(AUDIENCE, NORTHWIND, "inventory.read"), NORTHWIND, event("DAMAGE", ROTTERDAM, sku, 1))
                .then().statusCode(403);
        post(Tokens.partner("order-service", NORTHWIND, "inventory.adjust"), NORTHWIND,
                event("DAMAGE", ROTTERDAM, sku, 1)).then().statusCode(401);

        assertTrue(figures(sku, ROTTERDAM).same(Figures.of(10, 0, 10)));
        post(Tokens.partner(AUDIENCE, NORTHWIND, "inventory.adjust"), NORTHWIND, event("DAMAGE", ROTTERDAM, sku, 1))
                .then().statusCode(200).body("onHand", equalTo(9));
    }

    @Test
    void aPickShortageShrinksTheOrdersReservationAndIsReportedToTheSaga() {
        String sku = newSku();
        receive(BERLIN, sku, null, 5);
        String orderId = newOrderId();
        deliver(inbound, orders, reservationRequest(orderId, false, List.of(BERLIN), line("1", sku, 3)));
        Map<String, Object> shortage = event("PICK_SHORTAGE", BERLIN, sku, 2);
        shortage.put("orderId", orderId);

        post(acme(), ACME, shortage).then().statusCode(200).body("onHand", equalTo(3)).body("reserved", equalTo(1));

        assertTrue(figures(sku, BERLIN).same(Figures.of(3, 1, 2)));
        assertTrue(ledgerSums(sku, BERLIN).same(figures(sku, BERLIN)));
        PickShortageReported reported = published(InventoryEvents.PICK_SHORTAGE_REPORTED, orderId).get(0)
                .dataAs(InventoryEvents.PICK_SHORTAGE_REPORTED);
        assertEquals(Quantity.each(2), reported.shortQuantity());
        assertEquals(ACME, reported.partnerId());
        assertEquals(BERLIN, reported.warehouseId());
    }
}
