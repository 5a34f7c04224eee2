package io.waybill.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.localstack.Suite;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An order for more of a product than either warehouse holds, but not more than both together, through the real
 * processes and public, partner and operator APIs only. Submitted without {@code allowSplit} it is held, naming the
 * shortage, and reserves nothing. Submitted with {@code allowSplit: true} to Rotterdam (routing: WH-ROTTERDAM, then
 * WH-BERLIN), it ships as two shipments: inventory-service reserves all Rotterdam has and the rest in Berlin,
 * shipment-service books one shipment per warehouse, order-service releases each part to that warehouse's 3PL under
 * {@code <orderId>.<warehouseId>} (acme-3pl's stand-in over REST, northwind-3pl's outbound folder as CSV), the
 * sandbox carriers' own webhooks deliver both parcels, and the order becomes DELIVERED and then INVOICED only after
 * both were delivered. CUST-ACME's rate agreement bills per shipment, so the customer gets two invoices, one per
 * parcel. Each warehouse's on-hand drops by exactly what left it, and the customer sees one order with both parcels
 * and their tracking numbers in the portal.
 */
class AnOrderSplitAcrossTwoWarehousesArrivesAsTwoShipmentsAndTwoInvoicesTest {

    private static final Duration JOURNEY = Duration.ofMinutes(4);
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final String CUSTOMER = "CUST-ACME";
    private static final String BERLIN = "WH-BERLIN";
    private static final String ROTTERDAM = "WH-ROTTERDAM";
    /** Neither warehouse alone holds what is ordered; both together do. */
    private static final int IN_ROTTERDAM = 3;
    private static final int IN_BERLIN = 4;
    private static final int ORDERED = 5;
    private static final List<String> IN_PROGRESS = List.of("RECEIVED", "VALIDATED", "ALLOCATING", "ALLOCATED",
            "BOOKING", "BOOKED", "RELEASED", "SHIPPED", "DELIVERED");

    private final Suite suite = Suite.shared();

    @Test
    void heldWhenItMustShipWholeAndShippedFromBothWarehousesWhenItMaySplit() {
        String ops = suite.userToken("waybill-ops", "ops");
        String webshop = suite.clientToken("webshop");

        // ---- a product of its own, so that the stock of this test is all there is of it.
        String sku = "SKU-SPLIT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        given().auth().oauth2(ops).contentType("application/json")
                .body("""
                        {"name":"Pallet wrap dispenser","weightKg":2.5,"lengthCm":40,"widthCm":30,"heightCm":20,
                         "active":true}""")
                .put(suite.url("order-service") + "/products/" + sku)
                .then().statusCode(204);
        receive("acme-3pl", BERLIN, sku, IN_BERLIN);
        receive("northwind-3pl", ROTTERDAM, sku, IN_ROTTERDAM);
        Map<String, JsonNode> before = stock(webshop, sku);
        assertOnHandAndReserved(before, BERLIN, IN_BERLIN, 0);
        assertOnHandAndReserved(before, ROTTERDAM, IN_ROTTERDAM, 0);

        // ---- without allowSplit: held, naming the shortage; nothing reserved, nothing split.
        String wholeReference = "SPLIT-NOT-ALLOWED-" + UUID.randomUUID();
        String wholeOrderId = submit(webshop, wholeReference,
                Orders.submissionToRotterdam(wholeReference, CUSTOMER, sku, ORDERED));
        JsonNode held = await().atMost(STEP).pollInterval(POLL).until(() -> saga(ops, wholeOrderId),
                s -> !List.of("RECEIVED", "VALIDATED", "ALLOCATING").contains(s.path("status").asText()));
        assertEquals("ON_HOLD", held.path("status").asText(), held.toString());
        String holdReason = held.path("holdReason").asText();
        assertTrue(holdReason.contains("split-not-allowed"), "the hold says why: " + holdReason);
        assertTrue(Pattern.compile(Pattern.quote(sku) + " wanted " + ORDERED + "(\\.0+)?, available " + IN_ROTTERDAM
                        + "(\\.0+)?").matcher(holdReason).find(),
                "the hold names the shortage (in Rotterdam, routing's first warehouse): " + holdReason);
        assertEquals(0, held.path("parts").size(), "nothing to ship: " + held.path("parts"));
        assertFalse(statuses(held).contains("ALLOCATED"), "never allocated: " + statuses(held));
        Map<String, JsonNode> whileHeld = stock(webshop, sku);
        assertOnHandAndReserved(whileHeld, BERLIN, IN_BERLIN, 0);
        assertOnHandAndReserved(whileHeld, ROTTERDAM, IN_ROTTERDAM, 0);
        // Off the board, so that no retry ever competes for this stock.
        given().auth().oauth2(ops).contentType("application/json")
                .body("{\"reason\":\"system test: held as expected, the customer orders again with allowSplit\"}")
                .post(suite.url("order-service") + "/ops/orders/" + wholeOrderId + "/cancel")
                .then().statusCode(200);

        // ---- with allowSplit: the same line, shipped from both warehouses.
        String reference = "SPLIT-" + UUID.randomUUID();
        String orderId = submit(webshop, reference,
                Orders.submissionToRotterdam(reference, CUSTOMER, sku, ORDERED, true));
        List<String> wrongWhileTravelling = Collections.synchronizedList(new ArrayList<>());
        JsonNode saga = await().atMost(JOURNEY).pollInterval(POLL).until(() -> {
            JsonNode now = saga(ops, orderId);
            checkWhileTravelling(now, wrongWhileTravelling);
            return now;
        }, s -> !IN_PROGRESS.contains(s.path("status").asText()));
        assertEquals("INVOICED", saga.path("status").asText(), "held: " + saga.path("holdReason").asText()
                + "; " + saga);
        assertEquals(List.of(), wrongWhileTravelling, "seen in the saga view on the way");

        // Two parts: all Rotterdam had (routing's first choice), the rest from Berlin, each its own shipment.
        Map<String, JsonNode> parts = new TreeMap<>();
        saga.path("parts").forEach(part -> parts.put(part.path("warehouseId").asText(), part));
        assertEquals(Set.of(BERLIN, ROTTERDAM), parts.keySet(), saga.path("parts").toString());
        JsonNode fromBerlin = parts.get(BERLIN);
        JsonNode fromRotterdam = parts.get(ROTTERDAM);
        assertEquals("acme-3pl", fromBerlin.path("partnerId").asText(), fromBerlin.toString());
        assertEquals("northwind-3pl", fromRotterdam.path("partnerId").asText(), fromRotterdam.toString());
        assertEquals(orderId + "." + BERLIN, fromBerlin.path("releaseReference").asText());
        assertEquals(orderId + "." + ROTTERDAM, fromRotterdam.path("releaseReference").asText());
        int shippedFromRotterdam = quantity(fromRotterdam, sku);
        int shippedFromBerlin = quantity(fromBerlin, sku);
        assertEquals(IN_ROTTERDAM, shippedFromRotterdam, fromRotterdam.toString());
        assertEquals(ORDERED - IN_ROTTERDAM, shippedFromBerlin, fromBerlin.toString());
        for (JsonNode part : parts.values()) {
            assertEquals("DELIVERED", part.path("progress").asText(), part.toString());
            assertTrue(List.of("parcelly", "swiftpost").contains(part.path("carrierId").asText()), part.toString());
            assertFalse(part.path("shipmentId").asText().isBlank(), part.toString());
            assertFalse(part.path("trackingNumber").asText().isBlank(), part.toString());
        }
        assertFalse(fromBerlin.path("shipmentId").asText().equals(fromRotterdam.path("shipmentId").asText()),
                "a shipment per warehouse");
        Set<String> trackingNumbers = Set.of(fromBerlin.path("trackingNumber").asText(),
                fromRotterdam.path("trackingNumber").asText());
        assertEquals(2, trackingNumbers.size(), "a parcel per warehouse: " + trackingNumbers);

        // ---- two releases: acme-3pl got Berlin's part, northwind-3pl's file holds Rotterdam's; nothing went out
        // under the bare order id. (That each partner's link confirmed its hand-over before the part shipped is
        // checked last, below.)
        List<String> takenByAcme = suite.acme3plReleases();
        assertTrue(takenByAcme.contains(orderId + "." + BERLIN), "acme-3pl received " + takenByAcme);
        assertFalse(takenByAcme.contains(orderId + "." + ROTTERDAM), "acme-3pl received " + takenByAcme);
        assertFalse(takenByAcme.contains(orderId), "acme-3pl received " + takenByAcme);
        Path outbound = suite.partnerDirectory("northwind-3pl/outbound");
        List<String> rotterdamRows = ReleaseProof.exportedReleaseRowsOf(outbound, orderId + "." + ROTTERDAM);
        assertFalse(rotterdamRows.isEmpty(), "northwind-3pl's release of " + orderId + "." + ROTTERDAM);
        for (String row : rotterdamRows) {
            // release_reference, warehouse_id, line_id, sku, quantity, ...: Rotterdam's share only.
            List<String> columns = List.of(row.split(","));
            assertEquals(List.of(ROTTERDAM, sku, String.valueOf(IN_ROTTERDAM)),
                    List.of(columns.get(1), columns.get(3), columns.get(4)), row);
        }
        assertEquals(List.of(), ReleaseProof.exportedReleaseRowsOf(outbound, orderId + "." + BERLIN),
                "Berlin's part is acme's, not northwind's");
        assertEquals(List.of(), ReleaseProof.exportedReleaseRowsOf(outbound, orderId),
                "nothing released under the bare order id, as a whole order would be");

        // ---- two shipments in shipment-service, both delivered; the order moved on only after the later one.
        List<JsonNode> shipments = new ArrayList<>();
        given().auth().oauth2(ops).queryParam("orderId", orderId).get(suite.url("shipment-service") + "/shipments")
                .then().statusCode(200).extract().as(JsonNode.class).forEach(shipments::add);
        List<JsonNode> outboundShipments = shipments.stream()
                .filter(s -> "OUTBOUND".equals(s.path("kind").asText())).toList();
        assertEquals(Set.of(fromBerlin.path("shipmentId").asText(), fromRotterdam.path("shipmentId").asText()),
                outboundShipments.stream().map(s -> s.path("shipmentId").asText()).collect(Collectors.toSet()),
                "the shipments booked for the order: " + shipments);
        assertEquals(2, outboundShipments.size(), shipments.toString());
        Instant lastDelivery = Instant.MIN;
        for (JsonNode shipment : outboundShipments) {
            assertEquals("DELIVERED", shipment.path("status").asText(), shipment.toString());
            assertTrue(trackingNumbers.contains(shipment.path("trackingNumber").asText()), shipment.toString());
            Instant deliveredAt = Instant.parse(shipment.at("/proofOfDelivery/deliveredAt").asText());
            lastDelivery = deliveredAt.isAfter(lastDelivery) ? deliveredAt : lastDelivery;
        }
        List<String> statuses = statuses(saga);
        for (String status : List.of("ALLOCATED", "BOOKED", "RELEASED", "SHIPPED", "DELIVERED", "INVOICED")) {
            assertEquals(1, Collections.frequency(statuses, status), status + " once: " + statuses);
        }
        assertTrue(ascending(statuses, List.of("ALLOCATED", "BOOKED", "RELEASED", "SHIPPED", "DELIVERED", "INVOICED")),
                "the order's history: " + statuses);
        Instant delivered = changedAt(saga, "DELIVERED");
        Instant invoiced = changedAt(saga, "INVOICED");
        assertFalse(delivered.isBefore(lastDelivery),
                "DELIVERED at " + delivered + ", before the second parcel arrived at " + lastDelivery);
        assertFalse(invoiced.isBefore(delivered), "INVOICED at " + invoiced + ", DELIVERED at " + delivered);

        // ---- inventory: each warehouse gave exactly what left it, nothing stays reserved, and each warehouse's
        // allocation was taken by that warehouse's own shipment.
        Map<String, JsonNode> after = await().atMost(STEP).pollInterval(POLL).until(() -> stock(webshop, sku),
                s -> s.values().stream().allMatch(w -> w.path("reserved").decimalValue().signum() == 0));
        assertOnHandAndReserved(after, BERLIN, IN_BERLIN - shippedFromBerlin, 0);
        assertOnHandAndReserved(after, ROTTERDAM, IN_ROTTERDAM - shippedFromRotterdam, 0);
        JsonNode reservations = given().auth().oauth2(webshop).queryParam("orderId", orderId)
                .get(suite.url("inventory-service") + "/reservations").then().statusCode(200)
                .extract().as(JsonNode.class);
        assertEquals(1, reservations.size(), reservations.toString());
        assertEquals("CONSUMED", reservations.at("/0/status").asText(), reservations.toString());
        for (JsonNode allocation : reservations.at("/0/allocations")) {
            JsonNode part = parts.get(allocation.path("warehouseId").asText());
            assertNotNull(part, "an allocation outside the parts: " + allocation);
            assertEquals(part.path("shipmentId").asText(), allocation.path("shippedWith").asText(),
                    "shipped with its own warehouse's shipment: " + allocation);
        }

        // ---- the customer: one order, one line as ordered, two parcels with their tracking numbers, two invoices.
        String alice = suite.userToken("waybill-portal", "alice");
        String orderNumber = await().atMost(STEP).pollInterval(POLL).until(() -> myOrder(alice, reference),
                o -> o != null && "DELIVERED".equals(o.at("/status/code").asText())).path("orderNumber").asText();
        JsonNode detail = await().atMost(STEP).pollInterval(POLL)
                .until(() -> given().auth().oauth2(alice).get(suite.url("portal-api") + "/me/orders/" + orderNumber)
                        .then().statusCode(200).extract().as(JsonNode.class), d -> d.path("shipments").size() == 2
                        && allDelivered(d.path("shipments")));
        Set<String> seenTrackingNumbers = new HashSet<>();
        detail.path("shipments").forEach(s -> seenTrackingNumbers.add(s.path("trackingNumber").asText()));
        assertEquals(trackingNumbers, seenTrackingNumbers, detail.toString());
        assertEquals(1, detail.path("lines").size(), detail.toString());
        assertEquals(sku, detail.at("/lines/0/sku").asText(), detail.toString());
        assertEquals(0, BigDecimal.valueOf(ORDERED).compareTo(detail.at("/lines/0/quantity/value").decimalValue()),
                detail.toString());
        for (String internal : List.of(orderId, "acme-3pl", "northwind-3pl", "quotedCost")) {
            assertFalse(detail.toString().contains(internal), internal + " leaked into " + detail);
        }
        for (String trackingNumber : trackingNumbers) {
            JsonNode tracking = given().auth().oauth2(alice).get(suite.url("portal-api") + "/me/shipments/"
                    + trackingNumber).then().statusCode(200).extract().as(JsonNode.class);
            assertEquals(orderNumber, tracking.path("orderNumber").asText(), tracking.toString());
            assertEquals("DELIVERED", tracking.at("/status/code").asText(), tracking.toString());
        }
        List<JsonNode> invoices = await().atMost(STEP).pollInterval(POLL).until(() -> myInvoices(alice, orderNumber),
                list -> list.size() >= 2);
        assertEquals(2, invoices.size(), "CUST-ACME is invoiced per shipment: " + invoices);
        for (JsonNode invoice : invoices) {
            Instant issuedAt = Instant.parse(invoice.path("issuedAt").asText());
            assertFalse(invoiced.isBefore(issuedAt), "INVOICED at " + invoiced + " before invoice "
                    + invoice.path("number").asText() + " was issued at " + issuedAt);
        }

        // ---- last, so that a failure here still means everything above held: each part's partner link recorded
        // its hand-over, and the order was RELEASED by a partner before it SHIPPED, not caught up by the carrier.
        ReleaseProof.everyPartHandedToItsThreePlBeforeShipping(suite, saga);
    }

    /**
     * What must never be seen while the order travels: a split order counts as BOOKED, RELEASED, SHIPPED or
     * DELIVERED only once every part is, and it never has other than two parts once allocated.
     */
    private static void checkWhileTravelling(JsonNode saga, List<String> wrong) {
        String status = saga.path("status").asText();
        List<String> progress = new ArrayList<>();
        saga.path("parts").forEach(p -> progress.add(p.path("warehouseId").asText() + ":" + p.path("progress").asText()));
        List<String> needed = switch (status) {
            case "BOOKED" -> List.of("BOOKED", "RELEASED", "SHIPPED", "DELIVERED");
            case "RELEASED" -> List.of("RELEASED", "SHIPPED", "DELIVERED");
            case "SHIPPED" -> List.of("SHIPPED", "DELIVERED");
            case "DELIVERED", "INVOICED" -> List.of("DELIVERED");
            default -> null;
        };
        if (needed == null) {
            return;
        }
        boolean everyPart = progress.size() == 2
                && progress.stream().allMatch(p -> needed.contains(p.substring(p.indexOf(':') + 1)));
        if (!everyPart) {
            wrong.add(status + " with parts " + progress);
        }
    }

    private void receive(String partner, String warehouseId, String sku, int units) {
        given().auth().oauth2(suite.clientToken(partner)).contentType("application/json")
                .body("""
                        {"warehouseId":"%s","sku":"%s","quantity":%d,"unit":"EACH","reference":"split-journey-%s"}"""
                        .formatted(warehouseId, sku, units, UUID.randomUUID()))
                .post(suite.url("inventory-service") + "/inventory/positions/receipts")
                .then().statusCode(200);
    }

    /** The SKU's stock per warehouse (onHand, reserved, available), as a channel sees it. */
    private Map<String, JsonNode> stock(String token, String sku) {
        JsonNode availability = given().auth().oauth2(token).queryParam("sku", sku)
                .get(suite.url("inventory-service") + "/availability").then().statusCode(200)
                .extract().as(JsonNode.class);
        Map<String, JsonNode> byWarehouse = new TreeMap<>();
        availability.at("/0/warehouses").forEach(w -> byWarehouse.put(w.path("warehouseId").asText(), w));
        return byWarehouse;
    }

    private static void assertOnHandAndReserved(Map<String, JsonNode> stock, String warehouseId, int onHand,
                                                int reserved) {
        JsonNode there = stock.get(warehouseId);
        assertNotNull(there, warehouseId + " not in " + stock);
        assertEquals(0, BigDecimal.valueOf(onHand).compareTo(there.path("onHand").decimalValue()),
                warehouseId + " on hand: " + there);
        assertEquals(0, BigDecimal.valueOf(reserved).compareTo(there.path("reserved").decimalValue()),
                warehouseId + " reserved: " + there);
    }

    private String submit(String webshop, String reference, String body) {
        return given().auth().oauth2(webshop).contentType("application/json").header("Idempotency-Key", reference)
                .body(body).post(suite.url("order-service") + "/orders")
                .then().statusCode(201).extract().path("orderId");
    }

    private JsonNode saga(String ops, String orderId) {
        return given().auth().oauth2(ops).get(suite.url("order-service") + "/ops/orders/" + orderId + "/saga")
                .then().statusCode(200).extract().as(JsonNode.class);
    }

    /** Units of the SKU in the part's lines. */
    private static int quantity(JsonNode part, String sku) {
        BigDecimal units = BigDecimal.ZERO;
        for (JsonNode line : part.path("lines")) {
            if (sku.equals(line.path("sku").asText())) {
                units = units.add(line.at("/quantity/value").decimalValue());
            }
        }
        return units.intValueExact();
    }

    private static List<String> statuses(JsonNode saga) {
        List<String> statuses = new ArrayList<>();
        saga.path("history").forEach(line -> statuses.add(line.path("status").asText()));
        return statuses;
    }

    private static boolean ascending(List<String> history, List<String> expectedOrder) {
        int previous = -1;
        for (String status : expectedOrder) {
            int at = history.indexOf(status);
            if (at <= previous) {
                return false;
            }
            previous = at;
        }
        return true;
    }

    private static Instant changedAt(JsonNode saga, String status) {
        for (JsonNode line : saga.path("history")) {
            if (status.equals(line.path("status").asText())) {
                return Instant.parse(line.path("changedAt").asText());
            }
        }
        throw new AssertionError("no " + status + " in " + saga.path("history"));
    }

    private static boolean allDelivered(JsonNode shipments) {
        for (JsonNode shipment : shipments) {
            if (!"DELIVERED".equals(shipment.at("/status/code").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The customer's order with this reference of theirs, as the portal lists it, or null. */
    private JsonNode myOrder(String token, String reference) {
        JsonNode items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/orders").then().statusCode(200)
                .extract().as(JsonNode.class).path("items");
        for (JsonNode order : items) {
            if (reference.equals(order.path("yourReference").asText())) {
                return order;
            }
        }
        return null;
    }

    /** The customer's invoices (not notes) of this order, as the portal lists them. */
    private List<JsonNode> myInvoices(String token, String orderNumber) {
        JsonNode items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/invoices").then().statusCode(200)
                .extract().as(JsonNode.class).path("items");
        List<JsonNode> invoices = new ArrayList<>();
        for (JsonNode invoice : items) {
            if (orderNumber.equals(invoice.path("orderNumber").asText()) && "INVOICE".equals(invoice.path("kind").asText())) {
                invoices.add(invoice);
            }
        }
        return invoices;
    }
}
