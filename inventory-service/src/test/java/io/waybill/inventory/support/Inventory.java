package io.waybill.inventory.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReservationRequested;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.foundation.outbox.OutboxMessage;
import io.waybill.model.Quantity;
import io.waybill.model.order.OrderLine;
import io.waybill.testsupport.Tokens;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** Shortcuts the inventory tests share: tokens, demo stock, events as other services would send them, the outbox. */
public final class Inventory {

    public static final String AUDIENCE = "inventory-service";
    public static final String BERLIN = "WH-BERLIN";
    public static final String ROTTERDAM = "WH-ROTTERDAM";
    public static final String ACME = "acme-3pl";
    public static final String NORTHWIND = "northwind-3pl";

    private Inventory() {
    }

    /** A SKU no other test uses: the database lives as long as the test JVM. */
    public static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static String newOrderId() {
        return "ord-" + UUID.randomUUID();
    }

    public static String reader() {
        return Tokens.client(AUDIENCE, "webshop", "inventory.read");
    }

    public static String stockKeeper() {
        return Tokens.client(AUDIENCE, "ops-seeding", "inventory.adjust");
    }

    /** Books goods in through the receipts API, as the local stack seeds demo stock. */
    public static void receive(String warehouseId, String sku, String lot, int quantity) {
        given().auth().oauth2(stockKeeper()).contentType(ContentType.JSON)
                .body(lot == null
                        ? Map.of("warehouseId", warehouseId, "sku", sku, "quantity", quantity)
                        : Map.of("warehouseId", warehouseId, "sku", sku, "lot", lot, "quantity", quantity))
                .when().post("/inventory/positions/receipts")
                .then().statusCode(200);
    }

    /** onHand, reserved and available of a SKU in a warehouse, over all lots, from the availability API. */
    public static Figures figures(String sku, String warehouseId) {
        List<Map<String, Object>> warehouses = given().auth().oauth2(reader())
                .queryParam("sku", sku).queryParam("warehouse", warehouseId)
                .when().get("/availability")
                .then().statusCode(200)
                .extract().jsonPath().getList("[0].warehouses");
        if (warehouses.isEmpty()) {
            return new Figures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        Map<String, Object> w = warehouses.get(0);
        return new Figures(number(w.get("onHand")), number(w.get("reserved")), number(w.get("available")));
    }

    /** The ledger's sums for a SKU in a warehouse: what the movements say on hand and reserved must be. */
    public static Figures ledgerSums(String sku, String warehouseId) {
        List<Map<String, Object>> movements = given().auth().oauth2(reader())
                .queryParam("sku", sku).queryParam("warehouse", warehouseId)
                .when().get("/inventory/movements")
                .then().statusCode(200).extract().jsonPath().getList("$");
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        for (Map<String, Object> m : movements) {
            onHand = onHand.add(number(m.get("onHandDelta")));
            reserved = reserved.add(number(m.get("reservedDelta")));
        }
        return new Figures(onHand, reserved, onHand.subtract(reserved));
    }

    public record Figures(BigDecimal onHand, BigDecimal reserved, BigDecimal available) {
        public static Figures of(int onHand, int reserved, int available) {
            return new Figures(BigDecimal.valueOf(onHand), BigDecimal.valueOf(reserved), BigDecimal.valueOf(available));
        }

        /** Equal in value, whatever the scale. */
        public boolean same(Figures other) {
            return onHand.compareTo(other.onHand) == 0 && reserved.compareTo(other.reserved) == 0
                    && available.compareTo(other.available) == 0;
        }
    }

    public static BigDecimal number(Object value) {
        return new BigDecimal(String.valueOf(value));
    }

    /** An event envelope exactly as another service's outbox would publish it. */
    public static <T> EventEnvelope envelope(EventType<T> type, String subject, T payload) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                "urn:waybill:" + type.owner(), type.name(), Instant.now(), subject, type.dataschema(),
                EventEnvelope.JSON, "corr-" + subject, null, null, EventJson.toTree(payload));
    }

    /** Events inventory-service has put in its outbox about a subject, oldest first. */
    public static List<EventEnvelope> published(EventType<?> type, String subject) {
        return onVertx(() -> Panache.withSession(() -> OutboxMessage.<OutboxMessage>list(
                        "eventType = ?1 and subject = ?2 order by position", type.name(), subject)))
                .stream().map(m -> EventJson.readEnvelope(m.envelope)).toList();
    }

    /** Runs a reactive step on a Vert.x context, as the service's own request and message handling does. */
    public static <T> T onVertx(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands an event to a handler through the inbox, exactly as a broker delivery does (retries, dedup). */
    public static void deliver(InboundEvents inbound, EventHandler handler, EventEnvelope event) {
        onVertx(() -> inbound.apply(event, handler));
    }

    /** A reservation request as order-service's saga sends it. */
    public static EventEnvelope reservationRequest(String orderId, boolean allowSplit, List<String> candidates,
                                                   OrderLine... lines) {
        return envelope(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId,
                new StockReservationRequested(orderId, "C-1001", List.of(lines), candidates, allowSplit));
    }

    public static OrderLine line(String lineId, String sku, int quantity) {
        return new OrderLine(lineId, sku, Quantity.each(quantity));
    }

    /** A warehouse of its own for a test that compares a whole warehouse (reconciliation). */
    public static String newWarehouse(String partnerId) {
        String id = "WH-T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        onVertx(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "INSERT INTO warehouse (warehouse_id, name, partner_id, country_code) VALUES (:id, :name, :partner, 'DE')")
                .setParameter("id", id).setParameter("name", "Test warehouse " + id).setParameter("partner", partnerId)
                .executeUpdate())));
        return id;
    }

    /** shipment-service's booked event for one part of an order, leaving from {@code warehouseId}. */
    public static io.waybill.events.shipment.ShipmentBooked booked(String shipmentId, String orderId, String warehouseId) {
        return new io.waybill.events.shipment.ShipmentBooked(shipmentId, orderId, "C-1001", "carrier-sandbox", "STD",
                "STANDARD", "TRK-" + shipmentId, io.waybill.model.Money.of("5.90", "EUR"), null,
                io.waybill.model.shipment.LabelFormat.PDF, warehouseId);
    }

    /** A carrier scan of {@code shipmentId}, which left {@code warehouseId}. */
    public static EventEnvelope scanned(String orderId, String shipmentId, String warehouseId,
                                        io.waybill.model.shipment.Milestone milestone) {
        return envelope(io.waybill.events.shipment.ShipmentEvents.MILESTONE_RECORDED, shipmentId,
                new io.waybill.events.shipment.MilestoneRecorded(shipmentId, orderId, "C-1001", milestone,
                        milestone.name(), Instant.now(), Instant.now(), null, null, milestone, null, warehouseId));
    }

    /** {@code GET /reservations} of the order, answered 200. */
    public static io.restassured.response.ValidatableResponse reservationOf(String orderId) {
        return given().auth().oauth2(reader()).queryParam("orderId", orderId).when().get("/reservations")
                .then().statusCode(200);
    }

    /** A JSON path to {@code field} of the newest reservation's allocation at {@code warehouseId}. */
    public static String allocationAt(String warehouseId, String field) {
        return "[0].allocations.find { it.warehouseId == '" + warehouseId + "' }." + field;
    }
}
