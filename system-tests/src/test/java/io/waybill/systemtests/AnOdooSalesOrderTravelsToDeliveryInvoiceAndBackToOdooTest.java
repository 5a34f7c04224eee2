package io.waybill.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.localstack.Suite;
import io.waybill.odoo.stub.OdooApi;
import io.waybill.odoo.stub.OdooStub;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #10's acceptance flow, from Odoo and back: a sales order confirmed in Odoo (17, JSON-RPC: the stub where the
 * suite's odoo-connector already points, with the credentials it was given) and announced by Odoo's webhook becomes
 * a Waybill order for the customer behind the Odoo partner's reference, is allocated in Rotterdam, booked with a
 * sandbox carrier, released to the file-exchange 3PL before it ships, tracked to delivery by that carrier's own
 * webhooks, invoiced on proof of delivery and closed as INVOICED. Odoo then
 * shows what Waybill learnt: the tracking number on the order's delivery, the delivery validated (no wizard left
 * open), Waybill's invoice posted as a customer invoice of that order; and the customer sees order, tracking and
 * invoice in the portal. Everything is driven and observed through public APIs; Odoo's side through the stub.
 */
class AnOdooSalesOrderTravelsToDeliveryInvoiceAndBackToOdooTest {

    private static final Duration JOURNEY = Duration.ofMinutes(3);
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofSeconds(2);
    /** Where the suite's odoo-connector looks for Odoo, and how it signs in (local-stack's ServiceEnvironment). */
    private static final int ODOO_PORT = 8069;
    private static final String WEBHOOK_SECRET = "local-dev-only-odoo-webhook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Suite suite = Suite.shared();

    @Test
    void confirmedInOdooDeliveredAndInvoicedByWaybillAndWrittenBackOnTheOdooOrder() {
        try (OdooStub odoo = OdooStub.on(OdooApi.JSON_RPC).port(ODOO_PORT).credentials("odoo17", "admin", "admin")
                .withoutRecordedRecords().start()) {
            // ---- in Odoo, as its users would: the customer (its reference is Waybill's customer id), its receiving
            // dock, the product (its internal reference is Waybill's SKU) with stock, and a confirmed sales order.
            long acme = create(odoo, "res.partner", Map.of("name", "Acme Industrial Supplies GmbH", "is_company", true,
                    "ref", "CUST-ACME", "street", "Industriestrasse 7", "city", "Berlin", "zip", "10115",
                    "country_id", 57, "email", "purchasing@acme.example"));
            long dock = create(odoo, "res.partner", Map.of("name", "Receiving dock", "parent_id", acme,
                    "type", "delivery", "street", "Waalhaven Oostzijde 1", "city", "Rotterdam", "zip", "3087 BM",
                    "country_id", 165));
            long film = create(odoo, "product.product", Map.of("name", "Stretch film, case of 6 rolls",
                    "default_code", "SKU-STRETCH-FILM", "detailed_type", "product", "invoice_policy", "delivery",
                    "weight", 14.4, "list_price", 89.0));
            long quant = create(odoo, "stock.quant", Map.of("product_id", film, "location_id", 8, "inventory_quantity", 15));
            odoo.odooUserDoes("stock.quant", "action_apply_inventory", List.of(quant), JSON.createObjectNode(), null);
            String purchaseOrder = "PO-" + UUID.randomUUID();
            long salesOrder = create(odoo, "sale.order", Map.of("partner_id", acme, "partner_shipping_id", dock,
                    "client_order_ref", purchaseOrder,
                    "order_line", List.of(List.of(0, 0, Map.of("product_id", film, "product_uom_qty", 2, "price_unit", 89.0)))));
            odoo.odooUserDoes("sale.order", "action_confirm", List.of(salesOrder), JSON.createObjectNode(), null);
            String soName = odoo.record("sale.order", salesOrder).path("name").asText();
            List<ObjectNode> deliveries = odoo.records("stock.picking", p -> p.at("/sale_id/0").asLong() == salesOrder);
            assertEquals(1, deliveries.size(), "confirming the order made its delivery");
            long deliveryId = deliveries.get(0).get("id").asLong();

            // ---- Odoo's automation tells the connector (the recorded "Send Webhook Notification" body).
            given().contentType("application/json").body(odoo.webhookNotification("sale.order", salesOrder).toString())
                    .post(suite.url("odoo-connector") + "/odoo/webhooks/" + WEBHOOK_SECRET)
                    .then().statusCode(202);

            // ---- order-service took it in under the Odoo order's name, carries it to delivery, and closes it once
            // billing-service has invoiced it.
            String ops = suite.userToken("waybill-ops", "ops");
            Map<String, Object> taken = await().atMost(STEP).pollInterval(POLL)
                    .until(() -> orderBySourceReference(ops, soName), Objects::nonNull);
            assertEquals("CUST-ACME", taken.get("customerId"), "the Odoo customer's reference is the Waybill customer");
            String orderId = (String) taken.get("orderId");
            JsonNode saga = await().atMost(JOURNEY).pollInterval(POLL).until(() -> saga(ops, orderId),
                    s -> "INVOICED".equals(s.path("status").asText()) || "ON_HOLD".equals(s.path("status").asText()));
            assertEquals("INVOICED", saga.path("status").asText(), "held: " + saga.path("holdReason").asText());
            assertTrue(statuses(saga).containsAll(List.of("VALIDATED", "ALLOCATED", "BOOKED", "RELEASED", "SHIPPED",
                    "DELIVERED", "INVOICED")), "the order's history: " + statuses(saga));
            // Shipped whole, from Rotterdam: one part, one shipment.
            JsonNode part = ReleaseProof.onlyPart(saga, orderId);
            assertEquals("WH-ROTTERDAM", part.path("warehouseId").asText(), part.toString());
            ReleaseProof.handedToTheThreePlBeforeShipping(suite, saga, orderId, "northwind-3pl");
            assertTrue(List.of("parcelly", "swiftpost").contains(part.path("carrierId").asText()), part.toString());
            String trackingNumber = part.path("trackingNumber").asText();
            assertFalse(trackingNumber.isBlank(), "booked with a tracking number");

            // ---- the customer sees the order, its tracking and its invoice.
            String alice = suite.userToken("waybill-portal", "alice");
            Map<String, Object> mine = await().atMost(STEP).pollInterval(POLL).until(() -> myOrder(alice, soName),
                    o -> o != null && "DELIVERED".equals(String.valueOf(((Map<?, ?>) o.get("status")).get("code"))));
            String orderNumber = (String) mine.get("orderNumber");
            JsonNode detail = given().auth().oauth2(alice).get(suite.url("portal-api") + "/me/orders/" + orderNumber)
                    .then().statusCode(200).extract().as(JsonNode.class);
            assertEquals(1, detail.path("shipments").size(), "one parcel: " + detail);
            assertEquals(trackingNumber, detail.at("/shipments/0/trackingNumber").asText(), detail.toString());
            assertEquals("Rotterdam", detail.at("/shipTo/city").asText(), "the Odoo order's delivery address");
            assertEquals("SKU-STRETCH-FILM", detail.at("/lines/0/sku").asText(), detail.toString());
            assertEquals(0, new BigDecimal("2").compareTo(detail.at("/lines/0/quantity/value").decimalValue()),
                    detail.toString());
            JsonNode tracking = given().auth().oauth2(alice).get(suite.url("portal-api") + "/me/shipments/" + trackingNumber)
                    .then().statusCode(200).extract().as(JsonNode.class);
            assertEquals("DELIVERED", tracking.at("/status/code").asText(), tracking.toString());
            assertTrue(tracking.path("events").size() >= 2, "the carrier's milestones: " + tracking);
            Map<String, Object> invoice = await().atMost(STEP).pollInterval(POLL)
                    .until(() -> myInvoice(alice, orderNumber), Objects::nonNull);
            String invoiceNumber = (String) invoice.get("number");

            // ---- and Odoo shows what Waybill learnt, on the order's own records. The connector writes in order, at
            // a few calls a second, behind whatever earlier tests queued while no Odoo listened: hence the longer wait.
            ObjectNode delivery = await().atMost(JOURNEY).pollInterval(POLL)
                    .until(() -> odoo.record("stock.picking", deliveryId), p -> "done".equals(p.path("state").asText()));
            assertEquals(trackingNumber, delivery.path("carrier_tracking_ref").asText(), "tracking number on the delivery");
            ObjectNode move = odoo.record("stock.move", delivery.get("move_ids").get(0).asLong());
            assertEquals(0, new BigDecimal("2").compareTo(move.path("quantity").decimalValue()), "shipped quantity");
            assertEquals("done", move.path("state").asText());
            // One call, and it validated: a wizard answer (SMS, backorder) would have left the delivery open and the
            // connector calling again.
            assertEquals(1, odoo.calls("stock.picking", "button_validate").size(), "validated once, no wizard left open");

            ObjectNode invoiceMove = await().atMost(JOURNEY).pollInterval(POLL).until(() -> customerInvoice(odoo, invoiceNumber),
                    m -> m != null && "posted".equals(m.path("state").asText()));
            assertEquals("out_invoice", invoiceMove.path("move_type").asText());
            assertEquals(acme, invoiceMove.at("/partner_id/0").asLong(), "invoiced to the Odoo customer");
            assertEquals(soName, invoiceMove.path("invoice_origin").asText(), "linked to the sales order");
            assertEquals(1, odoo.records("account.move", m -> invoiceNumber.equals(m.path("ref").asText())).size(),
                    "one move for one invoice");
        }
    }

    private static long create(OdooStub odoo, String model, Map<String, Object> vals) {
        ObjectNode args = JSON.createObjectNode();
        args.set("vals_list", JSON.valueToTree(vals));
        return odoo.odooUserDoes(model, "create", null, args, null).asLong();
    }

    /** The order taken in under this source reference (the Odoo order's name), from the operator's view, or null. */
    private Map<String, Object> orderBySourceReference(String ops, String sourceReference) {
        for (String status : List.of("RECEIVED", "VALIDATED", "ALLOCATING", "ALLOCATED", "BOOKING", "BOOKED",
                "RELEASED", "SHIPPED", "DELIVERED", "INVOICED", "ON_HOLD", "CANCELLED")) {
            List<Map<String, Object>> orders = given().auth().oauth2(ops).queryParam("status", status)
                    .queryParam("limit", 1000).get(suite.url("order-service") + "/ops/orders")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> o : orders) {
                if (sourceReference.equals(o.get("sourceReference"))) {
                    return o;
                }
            }
        }
        return null;
    }

    private JsonNode saga(String ops, String orderId) {
        return given().auth().oauth2(ops).get(suite.url("order-service") + "/ops/orders/" + orderId + "/saga")
                .then().statusCode(200).extract().as(JsonNode.class);
    }

    private static List<String> statuses(JsonNode saga) {
        List<String> statuses = new java.util.ArrayList<>();
        saga.path("history").forEach(line -> statuses.add(line.path("status").asText()));
        return statuses;
    }

    /** The customer's order with this reference, as the portal lists it, or null. */
    private Map<String, Object> myOrder(String token, String reference) {
        List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/orders").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(o -> reference.equals(o.get("yourReference"))).findFirst().orElse(null);
    }

    /** The customer's invoice of this order, as the portal lists it, or null. */
    private Map<String, Object> myInvoice(String token, String orderNumber) {
        List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(i -> orderNumber.equals(i.get("orderNumber")) && "INVOICE".equals(i.get("kind")))
                .findFirst().orElse(null);
    }

    private static ObjectNode customerInvoice(OdooStub odoo, String number) {
        return odoo.records("account.move", m -> number.equals(m.path("ref").asText())).stream().findFirst().orElse(null);
    }
}
