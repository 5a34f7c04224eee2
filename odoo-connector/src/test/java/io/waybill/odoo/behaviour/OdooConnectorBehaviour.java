package io.waybill.odoo.behaviour;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventStream;
import io.waybill.events.EventType;
import io.waybill.events.billing.BillingEvents;
import io.waybill.events.billing.InvoiceIssued;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.events.order.OrderAccepted;
import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.OrderReleasedToWarehouse;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.StockAdjusted;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.model.Money;
import io.waybill.model.Quantity;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.odoo.stub.OdooStub;
import io.waybill.odoo.stub.StubSeed;
import io.waybill.odoo.support.OdooStubResource;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What odoo-connector promises, proven against a stub Odoo that answers as a recorded real server did. The same
 * set runs once per API flavour: {@link OdooConnectorOnOdoo17JsonRpcTest} and {@link OdooConnectorOnOdoo19Json2Test}.
 */
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
abstract class OdooConnectorBehaviour {

    static final String SECRET = "test-only-webhook-secret-3c9f0a7e61d24b58";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool db;

    @Inject
    @Channel("test-events")
    MutinyEmitter<JsonObject> events;

    @ConfigProperty(name = "waybill.odoo.rate-limit.calls-per-second")
    int callsPerSecond;

    OdooStub odoo;
    StubSeed.Fixture fixture;

    @BeforeEach
    void freshOdooAndConnector() {
        odoo = OdooStubResource.stub();
        odoo.reset();
        fixture = odoo.fixture();
        for (String table : List.of("odoo_write", "odoo_binding", "odoo_inbound_hint", "odoo_poll_cursor", "outbox_message",
                "order_from_elsewhere", "event_awaiting_order", "dead_letter", "order_shipment", "accepted_order_lines")) {
            emptyTable(table);
        }
    }

    /**
     * The previous test's last write may still be in flight in the background (the write queue, a hint, a parked
     * event), locking rows in another order than this DELETE: PostgreSQL then aborts one side as a deadlock. When
     * the cleanup is the one aborted, deleting again is right; the background side has its own retries.
     */
    private void emptyTable(String table) {
        db.query("DELETE FROM " + table).execute()
                .onFailure(f -> f instanceof io.vertx.pgclient.PgException pg && "40P01".equals(pg.getSqlState()))
                .retry().withBackOff(Duration.ofMillis(50)).atMost(5)
                .await().atMost(Duration.ofSeconds(30));
    }

    // ---- inbound: one Odoo order, one canonical order --------------------------------------------------------

    @Test
    void salesOrderArrivingByWebhookAndThenByPollYieldsOneCanonicalOrder() {
        postWebhook(SECRET, recordedConfirmationWebhook()).then().statusCode(202);
        await().atMost(PATIENCE).until(() -> confirmedOrderEvents() == 1);

        poll();
        postWebhook(SECRET, recordedConfirmationWebhook()).then().statusCode(202); // Odoo's state-change hook, too
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_inbound_hint WHERE odoo_id = $1 AND done_at IS NOT NULL",
                fixture.orderId()) == 1);
        poll();

        assertEquals(1, confirmedOrderEvents());
        SalesOrderConfirmed order = confirmedOrder();
        assertEquals(fixture.orderName(), order.sourceReference());
        assertEquals(fixture.orderId(), order.odooOrderId());
        assertEquals(fixture.clientOrderRef(), order.customerReference());
        assertEquals(fixture.carrierName(), order.requestedCarrier());
        assertEquals("US", order.shipTo().countryCode());
        assertEquals(1, order.lines().size());
        assertEquals(fixture.sku(), order.lines().get(0).sku());
        assertEquals(0, fixture.orderedQuantity().compareTo(order.lines().get(0).quantity().value()));
        assertEquals(customerIdOf(fixture.partnerId()), order.customerId());
    }

    @Test
    void salesOrderArrivingByPollAndThenByWebhookYieldsOneCanonicalOrder() {
        poll();
        assertEquals(1, confirmedOrderEvents());

        postWebhook(SECRET, recordedConfirmationWebhook()).then().statusCode(202);
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_inbound_hint WHERE odoo_id = $1 AND done_at IS NOT NULL",
                fixture.orderId()) == 1);
        poll();

        assertEquals(1, confirmedOrderEvents());
    }

    @Test
    void salesOrderToShipAsSoonAsPossibleIsPublishedAsOneThatMayBeSplit() {
        // Odoo's default Shipping Policy, as the recorded S00025 has it: "As soon as possible" (direct).
        assertEquals("direct", odoo.record("sale.order", fixture.orderId()).path("picking_policy").asText());

        poll();

        assertEquals(Boolean.TRUE, confirmedOrder().allowSplit());
    }

    @Test
    void salesOrderToShipWhenAllProductsAreReadyIsPublishedAsOneThatIsNeverSplit() {
        odoo.odooUserDoes("sale.order", "write", List.of(fixture.orderId()), vals("picking_policy", "one"), null);

        poll();

        assertEquals(Boolean.FALSE, confirmedOrder().allowSplit());
    }

    @Test
    void webhookSentBeforeOdooCommittedIsReadBackUntilTheOrderIsConfirmed() {
        // Odoo 17 posts the webhook inside the confirming transaction: a read-back still sees the quotation.
        odoo.odooUserDoes("sale.order", "write", List.of(fixture.orderId()), vals("state", "draft"), null);

        postWebhook(SECRET, recordedConfirmationWebhook()).then().statusCode(202);
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_inbound_hint WHERE odoo_id = $1 AND attempts >= 1",
                fixture.orderId()) == 1);
        assertEquals(0, confirmedOrderEvents(), "a quotation is not an order yet");

        odoo.odooUserDoes("sale.order", "action_confirm", List.of(fixture.orderId()), JsonNodeFactory.instance.objectNode(), null);
        await().atMost(PATIENCE).until(() -> confirmedOrderEvents() == 1);
    }

    @Test
    void webhookWithAWrongSecretIsNotFoundAndStoresNothing() {
        postWebhook("not-the-secret", recordedConfirmationWebhook()).then().statusCode(404)
                .contentType("application/problem+json");
        postWebhook(SECRET.substring(0, SECRET.length() - 1), recordedConfirmationWebhook()).then().statusCode(404);

        assertEquals(0, count("SELECT count(*) FROM odoo_inbound_hint"));
        assertTrue(odoo.calls("sale.order", "read").isEmpty(), "a refused webhook must not make the connector read Odoo");
    }

    // ---- outbound: no duplicates, no flooding ------------------------------------------------------------------

    @Test
    void timeoutAfterOdooCommittedAnInvoiceDoesNotCreateASecondOneOnRetry() {
        poll(); // the order and its customer are known to Waybill
        String orderId = acceptedByOrderService();

        odoo.timeOutAfterCommit(call -> call.model().equals("account.move") && call.method().equals("create"));
        String invoiceId = "INV-" + UUID.randomUUID();
        String number = issueInvoice(invoiceId, orderId);

        await().atMost(PATIENCE).until(() -> "DONE".equals(text("SELECT status FROM odoo_write WHERE subject = $1", invoiceId)));
        List<ObjectNode> moves = odoo.records("account.move", move -> number.equals(move.path("ref").asText()));
        assertEquals(1, moves.size(), "exactly one invoice in Odoo for " + number);
        assertEquals("posted", moves.get(0).path("state").asText());
        assertEquals(fixture.orderName(), moves.get(0).path("invoice_origin").asText());
        assertEquals(1, odoo.calls("account.move", "create").size(), "the retry found the invoice instead of creating it");
        assertTrue(count("SELECT attempts FROM odoo_write WHERE subject = $1", invoiceId) >= 2, "the first attempt timed out");
    }

    @Test
    void bookedAndDeliveredShipmentsAreWrittenOnTheOdooDeliveryWithoutAnsweringWizards() {
        poll();
        String orderId = acceptedByOrderService();
        String shipmentId = "SHP-" + UUID.randomUUID();
        publishBooked(shipmentId, orderId, "1Z999AA10123456784");
        publish(EventStream.SHIPMENTS, ShipmentEvents.SHIPMENT_DELIVERED, shipmentId, new ShipmentDelivered(shipmentId,
                orderId, customerIdOf(fixture.partnerId()), Instant.now(), "J. Doe", "POD-1", null, null));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'",
                shipmentId) == 2);
        ObjectNode picking = odoo.record("stock.picking", fixture.pickingId());
        assertEquals("1Z999AA10123456784", picking.path("carrier_tracking_ref").asText());
        assertEquals("done", picking.path("state").asText());
        List<OdooStub.RecordedCall> validations = odoo.calls("stock.picking", "button_validate");
        assertEquals(1, validations.size(), "validated once, and not answered with a wizard first");
        assertEquals(0, fixture.orderedQuantity().compareTo(
                odoo.record("stock.move", fixture.moveId()).path("quantity").decimalValue()), "shipped quantity recorded");
    }

    @Test
    void trackingNumberOverwrittenInOdooIsRepairedByReconciliationAndCounted() {
        poll();
        String orderId = acceptedByOrderService();
        String shipmentId = "SHP-" + UUID.randomUUID();
        publishBooked(shipmentId, orderId, "1Z999AA10123456785");
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'",
                shipmentId) == 1);
        double repairedBefore = mismatches("CORRECTED");

        odoo.odooUserDoes("stock.picking", "write", List.of(fixture.pickingId()),
                vals("carrier_tracking_ref", "typed-by-hand"), null);
        reconcile();

        await().atMost(PATIENCE).until(() -> "1Z999AA10123456785".equals(
                odoo.record("stock.picking", fixture.pickingId()).path("carrier_tracking_ref").asText()));
        assertEquals(repairedBefore + 1, mismatches("CORRECTED"), "the repaired drift is counted for the dashboards");
    }

    @Test
    void invoiceForACustomerOdooDoesNotKnowIsSetAsideAtOnceAndHoldsUpNoWriteBehindIt() {
        poll();
        String orderId = acceptedByOrderService();
        String invoiceId = "INV-" + UUID.randomUUID();
        Money amount = Money.of("12.50", "EUR");
        publish(EventStream.BILLING, BillingEvents.INVOICE_ISSUED, invoiceId, new InvoiceIssued(invoiceId,
                "WB-" + invoiceId.substring(4, 12), "CUST-NOT-IN-ODOO", "ORD-WEBSHOP-" + UUID.randomUUID(),
                List.of("SHP-W"), Instant.now(), LocalDate.now().plusDays(30),
                List.of(new InvoiceLine(1, "SHP-W", ChargeCode.FREIGHT, "Parcel freight", amount)), amount));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1", invoiceId) == 1);
        String shipmentId = "SHP-" + UUID.randomUUID();
        publishBooked(shipmentId, orderId, "1Z999AA10123456786");

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'",
                shipmentId) == 1);
        assertEquals("FAILED", text("SELECT status FROM odoo_write WHERE subject = $1", invoiceId));
        assertEquals(1, count("SELECT attempts FROM odoo_write WHERE subject = $1", invoiceId),
                "set aside at the first failure: retrying cannot make Odoo know the customer");
        assertEquals("1Z999AA10123456786", odoo.record("stock.picking", fixture.pickingId()).path("carrier_tracking_ref").asText());
    }

    @Test
    void trackingNumberBookedBeforeTheOrderWasAcceptedHereIsStillWrittenToOdoo() {
        poll();
        String orderId = "ORD-" + UUID.randomUUID();
        String shipmentId = "SHP-" + UUID.randomUUID();
        // The shipment stream overtakes the order stream: booked is handled before order.accepted.
        publishBooked(shipmentId, orderId, "1Z999AA10123456791");
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM event_awaiting_order WHERE order_id = $1", orderId) == 1);
        assertEquals(0, count("SELECT count(*) FROM odoo_write"), "nothing written while the order is unknown");
        publish(EventStream.ORDERS, OrderEvents.ACCEPTED, orderId, new OrderAccepted(orderId, customerIdOf(fixture.partnerId()),
                "odoo", OdooEvents.SOURCE_SYSTEM, fixture.orderName(), null, confirmedOrder().shipTo(),
                confirmedOrder().lines(), false, null, null));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'",
                shipmentId) == 1);
        assertEquals("1Z999AA10123456791", odoo.record("stock.picking", fixture.pickingId()).path("carrier_tracking_ref").asText());
        assertEquals(0, count("SELECT count(*) FROM event_awaiting_order"));
        assertEquals(0, count("SELECT count(*) FROM dead_letter"));
    }

    @Test
    void bookingOfAnOrderFromElsewhereQueuesNothingForOdoo() {
        String orderId = acceptedFromTheWebshop();
        String shipmentId = "SHP-" + UUID.randomUUID();
        String eventId = publish(EventStream.SHIPMENTS, ShipmentEvents.SHIPMENT_BOOKED, shipmentId, new ShipmentBooked(shipmentId,
                orderId, "CUST-WEB", "ups", "UPS-GROUND", "STANDARD", "1Z999AA10123456792", Money.of("7.20", "USD"),
                LocalDate.now().plusDays(2), LabelFormat.PDF));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM inbox_message WHERE consumer = 'odoo-connector.shipments' "
                + "AND message_id = $1", eventId) == 1);
        assertEquals(0, count("SELECT count(*) FROM odoo_write"), "nothing queued for Odoo");
        assertEquals(0, count("SELECT count(*) FROM dead_letter"));
    }

    /** shipment-service's word that the order's shipment is booked with this tracking number. */
    private void publishBooked(String shipmentId, String orderId, String trackingNumber) {
        publish(EventStream.SHIPMENTS, ShipmentEvents.SHIPMENT_BOOKED, shipmentId, new ShipmentBooked(shipmentId, orderId,
                customerIdOf(fixture.partnerId()), "ups", "UPS-GROUND", "STANDARD", trackingNumber,
                Money.of("7.20", "USD"), LocalDate.now().plusDays(2), LabelFormat.PDF));
    }

    /** The counter's value; a counter's sample may carry an OpenMetrics exemplar after it, hence no end anchor. */
    private static double mismatches(String resolution) {
        String exposition = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^waybill_reconciliation_mismatches_total\\{"
                + "(?=[^}]*resolution=\"" + resolution + "\")(?=[^}]*source=\"odoo\")[^}]*} (\\S+)").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    // ---- an order split across warehouses: one Odoo delivery, one shipment (and tracking number) per warehouse -------

    @Test
    void splitOrdersFirstDeliveryValidatesOnlyItsLinesAndLeavesTheRestAsABackorder() {
        SplitOrder split = splitOrderBookedAndReleased();

        delivered(split.orderId(), split.first());

        await().atMost(PATIENCE).until(() -> writesDone(split.first()) == 2);
        assertEquals("done", odoo.record("stock.picking", fixture.pickingId()).path("state").asText());
        ObjectNode shippedMove = odoo.record("stock.move", fixture.moveId());
        assertEquals(0, new java.math.BigDecimal(2).compareTo(shippedMove.path("quantity").decimalValue()),
                "only the first part's 2 units delivered");
        assertEquals("done", shippedMove.path("state").asText());
        ObjectNode backorder = theOneBackorder();
        assertEquals("assigned", backorder.path("state").asText(), "the rest stays open, reserved");
        ObjectNode rest = odoo.record("stock.move", backorder.path("move_ids").path(0).asLong());
        assertEquals(0, fixture.orderedQuantity().subtract(new java.math.BigDecimal(2))
                .compareTo(rest.path("product_uom_qty").decimalValue()), "the second part's units wait in the backorder");
        assertEquals(1, odoo.calls("stock.picking", "button_validate").size(), "validated once, without a wizard");
        assertEquals("partial", odoo.record("sale.order", fixture.orderId()).path("delivery_status").asText());
    }

    @Test
    void splitOrdersSecondDeliveryValidatesTheRest() {
        SplitOrder split = splitOrderBookedAndReleased();
        delivered(split.orderId(), split.first());
        await().atMost(PATIENCE).until(() -> writesDone(split.first()) == 2);

        delivered(split.orderId(), split.second());

        await().atMost(PATIENCE).until(() -> writesDone(split.second()) == 2);
        ObjectNode backorder = theOneBackorder();
        assertEquals("done", backorder.path("state").asText());
        ObjectNode rest = odoo.record("stock.move", backorder.path("move_ids").path(0).asLong());
        assertEquals(0, fixture.orderedQuantity().subtract(new java.math.BigDecimal(2))
                .compareTo(rest.path("quantity").decimalValue()));
        assertEquals(List.of(), odoo.records("stock.picking", p -> p.path("sale_id").path(0).asLong() == fixture.orderId()
                && !"done".equals(p.path("state").asText())), "nothing of the order left to deliver");
        assertEquals("full", odoo.record("sale.order", fixture.orderId()).path("delivery_status").asText());
        assertEquals(2, odoo.calls("stock.picking", "button_validate").size());
    }

    @Test
    void splitOrdersDeliveryShowsBothTrackingNumbersAndRedeliveredBookingsAppendNothing() {
        SplitOrder split = splitOrderBookedAndReleased();
        String both = split.firstTracking() + ", " + split.secondTracking();
        assertEquals(both, odoo.record("stock.picking", fixture.pickingId()).path("carrier_tracking_ref").asText());

        send(EventStream.SHIPMENTS, split.secondBooked()); // the broker redelivers the same message
        publishBookedFrom(split.first(), split.orderId(), split.firstTracking(), "WH-BERLIN"); // published once more
        await().atMost(PATIENCE).until(() -> writesDone(split.first()) == 2);
        assertEquals(1, writesDone(split.second()), "a redelivered message queues nothing");
        assertEquals(both, odoo.record("stock.picking", fixture.pickingId()).path("carrier_tracking_ref").asText());

        reconcile();
        assertEquals(0, count("SELECT count(*) FROM odoo_write WHERE caused_by = 'reconciliation'"),
                "numbers side by side are no drift");
    }

    @Test
    void redeliveredSplitEventsAndALostValidationAnswerValidateNothingTwice() {
        SplitOrder split = splitOrderBookedAndReleased();
        send(EventStream.ORDERS, split.firstReleased()); // redelivered release: no second effect either
        odoo.timeOutAfterCommit(call -> call.model().equals("stock.picking") && call.method().equals("button_validate"));

        EventEnvelope firstDelivered = delivered(split.orderId(), split.first());
        await().atMost(PATIENCE).until(() -> writesDone(split.first()) == 2);
        assertTrue(count("SELECT attempts FROM odoo_write WHERE subject = $1 AND operation = 'validate-delivery'",
                split.first()) >= 2, "the first attempt's answer was lost");
        send(EventStream.SHIPMENTS, firstDelivered);
        delivered(split.orderId(), split.second());
        await().atMost(PATIENCE).until(() -> writesDone(split.second()) == 2);

        assertEquals(2, odoo.calls("stock.picking", "button_validate").size(),
                "one validation per part: the retry found its delivery done and left the backorder to the second part");
        assertEquals(1, count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND operation = 'validate-delivery'",
                split.first()));
        ObjectNode backorder = theOneBackorder();
        assertEquals("done", backorder.path("state").asText());
        assertEquals(0, new java.math.BigDecimal(2).compareTo(
                odoo.record("stock.move", fixture.moveId()).path("quantity").decimalValue()));
        assertEquals(0, count("SELECT count(*) FROM dead_letter"));
    }

    @Test
    void orderShippedWholeIsValidatedWholeAsBefore() {
        poll();
        String orderId = acceptedByOrderService();
        String shipmentId = "SHP-" + UUID.randomUUID();
        publishBookedFrom(shipmentId, orderId, "1Z999AA10123456793", "WH-BERLIN");
        await().atMost(PATIENCE).until(() -> writesDone(shipmentId) == 1);
        released(orderId, shipmentId, "WH-BERLIN", "1Z999AA10123456793", confirmedOrder().lines());

        delivered(orderId, shipmentId);

        await().atMost(PATIENCE).until(() -> writesDone(shipmentId) == 2);
        assertTrue(text("SELECT payload FROM odoo_write WHERE subject = $1 AND operation = 'validate-delivery'", shipmentId)
                .contains("\"lines\":[]"), "everything reserved, as before split shipments");
        ObjectNode picking = odoo.record("stock.picking", fixture.pickingId());
        assertEquals("done", picking.path("state").asText());
        assertEquals("1Z999AA10123456793", picking.path("carrier_tracking_ref").asText());
        assertEquals(0, fixture.orderedQuantity().compareTo(
                odoo.record("stock.move", fixture.moveId()).path("quantity").decimalValue()));
        assertEquals(List.of(), odoo.records("stock.picking", p -> p.path("backorder_id").path(0).asLong() == fixture.pickingId()),
                "no backorder");
        assertEquals(1, odoo.calls("stock.picking", "button_validate").size());
    }

    /** An Odoo order reserved across two warehouses: 2 units from Berlin, the rest from Rotterdam. */
    private record SplitOrder(String orderId, String first, String firstTracking, String second, String secondTracking,
                              EventEnvelope secondBooked, EventEnvelope firstReleased) {
    }

    /** Both parts booked (their tracking numbers written) and released to their warehouses. */
    private SplitOrder splitOrderBookedAndReleased() {
        poll();
        String orderId = acceptedByOrderService();
        OrderLine line = confirmedOrder().lines().getFirst();
        long units = fixture.orderedQuantity().longValueExact();
        String first = "SHP-B-" + UUID.randomUUID();
        String second = "SHP-R-" + UUID.randomUUID();
        publishBookedFrom(first, orderId, "1ZSPLIT0000000001", "WH-BERLIN");
        await().atMost(PATIENCE).until(() -> writesDone(first) == 1);
        EventEnvelope secondBooked = publishBookedFrom(second, orderId, "1ZSPLIT0000000002", "WH-ROTTERDAM");
        await().atMost(PATIENCE).until(() -> writesDone(second) == 1);
        EventEnvelope firstReleased = released(orderId, first, "WH-BERLIN", "1ZSPLIT0000000001",
                List.of(new OrderLine(line.lineId(), line.sku(), Quantity.each(2))));
        released(orderId, second, "WH-ROTTERDAM", "1ZSPLIT0000000002",
                List.of(new OrderLine(line.lineId(), line.sku(), Quantity.each(units - 2))));
        odoo.forgetCalls();
        return new SplitOrder(orderId, first, "1ZSPLIT0000000001", second, "1ZSPLIT0000000002", secondBooked,
                firstReleased);
    }

    /** order-service: this shipment's part is with the warehouse's partner; returns once the connector has it. */
    private EventEnvelope released(String orderId, String shipmentId, String warehouseId, String trackingNumber,
                                   List<OrderLine> lines) {
        EventEnvelope event = publishEvent(EventStream.ORDERS, OrderEvents.RELEASED_TO_WAREHOUSE, orderId,
                new OrderReleasedToWarehouse(orderId, customerIdOf(fixture.partnerId()), warehouseId, "acme-3pl",
                        shipmentId, trackingNumber, lines));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM order_shipment WHERE shipment_id = $1 "
                + "AND released_at IS NOT NULL", shipmentId) == 1);
        return event;
    }

    private EventEnvelope publishBookedFrom(String shipmentId, String orderId, String trackingNumber, String warehouseId) {
        return publishEvent(EventStream.SHIPMENTS, ShipmentEvents.SHIPMENT_BOOKED, shipmentId, new ShipmentBooked(shipmentId,
                orderId, customerIdOf(fixture.partnerId()), "ups", "UPS-GROUND", "STANDARD", trackingNumber,
                Money.of("7.20", "USD"), LocalDate.now().plusDays(2), LabelFormat.PDF, warehouseId));
    }

    private EventEnvelope delivered(String orderId, String shipmentId) {
        return publishEvent(EventStream.SHIPMENTS, ShipmentEvents.SHIPMENT_DELIVERED, shipmentId, new ShipmentDelivered(
                shipmentId, orderId, customerIdOf(fixture.partnerId()), Instant.now(), "J. Doe", "POD-1", null, null));
    }

    private long writesDone(String shipmentId) {
        return count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'", shipmentId);
    }

    private ObjectNode theOneBackorder() {
        List<ObjectNode> backorders = odoo.records("stock.picking",
                p -> p.path("backorder_id").path(0).asLong() == fixture.pickingId());
        assertEquals(1, backorders.size(), "exactly one backorder of the delivery in Odoo");
        return backorders.get(0);
    }

    // ---- returns: one return picking per return, validated once ----------------------------------------------------

    @Test
    void receivedReturnBecomesOneValidatedReturnPickingWithTheReturnedQuantities() {
        poll();
        String orderId = acceptedByOrderService();
        String shipmentId = deliveredInOdoo(orderId);
        String returnId = "RET-" + UUID.randomUUID();
        odoo.forgetCalls();

        receiveReturn(returnId, shipmentId, orderId, 2);

        await().atMost(PATIENCE).until(() -> "DONE".equals(text("SELECT status FROM odoo_write WHERE subject = $1", returnId)));
        ObjectNode returned = theOneReturnPicking();
        assertEquals("done", returned.path("state").asText());
        assertEquals("incoming", returned.path("picking_type_code").asText());
        assertEquals(1, returned.path("move_ids").size());
        ObjectNode move = odoo.record("stock.move", returned.path("move_ids").get(0).asLong());
        assertEquals(fixture.productId(), move.path("product_id").path(0).asLong());
        assertEquals(fixture.moveId(), move.path("origin_returned_move_id").path(0).asLong());
        assertEquals("done", move.path("state").asText());
        // 2 of the delivered quantity: on 17 the wizard pre-filled all of it, so the line was set, not left alone.
        assertEquals(0, new java.math.BigDecimal("2").compareTo(move.path("quantity").decimalValue()));
        assertEquals(0, new java.math.BigDecimal("2").compareTo(move.path("product_uom_qty").decimalValue()));
        assertEquals(1, createReturnsCalls(), "the wizard made one return picking");
        assertEquals(1, odoo.calls("stock.picking", "button_validate").size(), "the return picking validated once");
        assertEquals(returned.path("id").asLong(), count("SELECT odoo_id FROM odoo_binding WHERE kind = 'RETURN' AND canonical_id = $1",
                returnId));
    }

    @Test
    void timeoutAfterOdooCommittedAReturnDoesNotCreateASecondOneOnRetry() {
        poll();
        String orderId = acceptedByOrderService();
        String shipmentId = deliveredInOdoo(orderId);
        String returnId = "RET-" + UUID.randomUUID();
        odoo.forgetCalls();

        odoo.timeOutAfterCommit(call -> call.model().equals("stock.return.picking")
                && List.of("create_returns", "action_create_returns").contains(call.method()));
        receiveReturn(returnId, shipmentId, orderId, 1);

        await().atMost(PATIENCE).until(() -> "DONE".equals(text("SELECT status FROM odoo_write WHERE subject = $1", returnId)));
        ObjectNode returned = theOneReturnPicking();
        assertEquals("done", returned.path("state").asText());
        assertEquals(1, createReturnsCalls(), "the retry found the return picking instead of creating another");
        assertEquals(1, odoo.calls("stock.picking", "button_validate").size());
        assertTrue(count("SELECT attempts FROM odoo_write WHERE subject = $1", returnId) >= 2, "the first attempt timed out");

        // The same return delivered again (another write queued for it) finds its binding and changes nothing.
        sql("UPDATE odoo_write SET status = 'PENDING' WHERE subject = $1", returnId);
        await().atMost(PATIENCE).until(() -> "DONE".equals(text("SELECT status FROM odoo_write WHERE subject = $1", returnId)));
        assertEquals(1, odoo.records("stock.picking", p -> p.path("return_id").path(0).asLong() == fixture.pickingId()).size());
        assertEquals(1, createReturnsCalls());
        assertEquals(1, odoo.calls("stock.picking", "button_validate").size(), "a done return picking is not validated again");
    }

    @Test
    void returnForAnOrderThatDidNotComeFromOdooMakesNoOdooCall() {
        String orderId = acceptedFromTheWebshop();
        String eventId = publish(EventStream.SHIPMENTS, ShipmentEvents.RETURN_RECEIVED, "RET-WEB", new ReturnReceived("RET-WEB-"
                + UUID.randomUUID(), "SHP-WEB", orderId, "CUST-WEB", List.of(new ReturnLine(fixture.sku(), Quantity.each(1))),
                "SHP-WEB-RETURN", "WH-TEST", Instant.now()));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM inbox_message WHERE consumer = 'odoo-connector.shipments' "
                + "AND message_id = $1", eventId) == 1);
        assertEquals(0, count("SELECT count(*) FROM odoo_write"), "nothing queued for Odoo");
        assertEquals(List.of(), odoo.calls(), "no call reached Odoo");
    }

    @Test
    void returnAgainstADeliveryOdooDoesNotShowDoneIsSetAsideAndBooksNothing() {
        poll();
        String orderId = acceptedByOrderService();
        String shipmentId = "SHP-" + UUID.randomUUID();
        publishBooked(shipmentId, orderId, "1Z999AA10123456784");
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'",
                shipmentId) == 1);
        String returnId = "RET-" + UUID.randomUUID();

        receiveReturn(returnId, shipmentId, orderId, 1);

        // Odoo 17 would refuse the wizard; from 18.x sale_stock would accept it: the connector does not ask.
        await().atMost(PATIENCE).until(() -> "FAILED".equals(text("SELECT status FROM odoo_write WHERE subject = $1", returnId)));
        assertTrue(text("SELECT last_error FROM odoo_write WHERE subject = $1", returnId).contains("not done"));
        assertEquals(0, odoo.calls("stock.return.picking", "create").size());
        assertTrue(odoo.records("stock.picking", p -> p.path("return_id").path(0).asLong() == fixture.pickingId()).isEmpty());
    }

    @Test
    void reconciledStockCountBecomesAnOdooInventoryAdjustment() {
        publish(EventStream.INVENTORY, InventoryEvents.STOCK_ADJUSTED, "WH-TEST/" + fixture.sku(), new StockAdjusted("WH-TEST",
                fixture.sku(), null, new java.math.BigDecimal("-3"), new java.math.BigDecimal("42"), "RECONCILIATION",
                null, null, Instant.now()));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE status = 'DONE'") == 1);
        List<ObjectNode> quants = odoo.records("stock.quant", quant -> quant.path("product_id").path(0).asLong() == fixture.productId()
                && quant.path("location_id").path(0).asLong() == 8);
        assertEquals(1, quants.size());
        assertEquals(0, new java.math.BigDecimal("42").compareTo(quants.get(0).path("quantity").decimalValue()));
        assertEquals(1, odoo.calls("stock.quant", "action_apply_inventory").size());
    }

    @Test
    void paymentRegisteredInOdooIsReadBackAndPublishedOnce() {
        poll();
        String invoiceId = "INV-" + UUID.randomUUID();
        String number = issueInvoice(invoiceId, null);
        await().atMost(PATIENCE).until(() -> "DONE".equals(text("SELECT status FROM odoo_write WHERE subject = $1", invoiceId)));
        reconcile();
        assertEquals(0, events(OdooEvents.INVOICE_PAYMENT_UPDATED, invoiceId), "a new invoice is unpaid: nothing to tell");

        long moveId = odoo.records("account.move", move -> number.equals(move.path("ref").asText())).get(0).path("id").asLong();
        odoo.odooUserDoes("account.move", "write", List.of(moveId), vals("payment_state", "paid"), null);
        reconcile();
        reconcile();

        assertEquals(1, events(OdooEvents.INVOICE_PAYMENT_UPDATED, invoiceId));
        String envelope = text("SELECT envelope FROM outbox_message WHERE event_type = $1 AND subject = $2",
                OdooEvents.INVOICE_PAYMENT_UPDATED.name(), invoiceId);
        assertEquals(io.waybill.model.billing.PaymentState.PAID,
                EventJson.readEnvelope(envelope).dataAs(OdooEvents.INVOICE_PAYMENT_UPDATED).paymentState());
    }

    @Test
    void eachPartialPaymentIsPublishedWithWhatIsStillDue() {
        poll();
        String invoiceId = "INV-" + UUID.randomUUID();
        String number = issueInvoice(invoiceId, null);
        await().atMost(PATIENCE).until(() -> "DONE".equals(text("SELECT status FROM odoo_write WHERE subject = $1", invoiceId)));
        long moveId = odoo.records("account.move", move -> number.equals(move.path("ref").asText())).get(0).path("id").asLong();

        odoo.odooUserDoes("account.move", "write", List.of(moveId), partialPayment(100.0, 60.0), null);
        reconcile();
        odoo.odooUserDoes("account.move", "write", List.of(moveId), partialPayment(100.0, 25.0), null);
        reconcile();
        reconcile();

        List<String> dueAfterEachPayment = texts("""
                SELECT envelope FROM outbox_message WHERE event_type = $1 AND subject = $2 ORDER BY position""",
                OdooEvents.INVOICE_PAYMENT_UPDATED.name(), invoiceId).stream()
                .map(envelope -> EventJson.readEnvelope(envelope).dataAs(OdooEvents.INVOICE_PAYMENT_UPDATED))
                .map(update -> update.paymentState() + " " + update.amountDue().amount().stripTrailingZeros().toPlainString())
                .toList();
        assertEquals(List.of("PARTIAL 60", "PARTIAL 25"), dueAfterEachPayment);
    }

    @Test
    void orderCancelledInOdooAfterConfirmationIsPublishedOnceAsCancelled() {
        poll();
        ObjectNode cancel = JsonNodeFactory.instance.objectNode().put("disable_cancel_warning", true);
        odoo.odooUserDoes("sale.order", "action_cancel", List.of(fixture.orderId()), JsonNodeFactory.instance.objectNode(), cancel);

        postWebhook(SECRET, recordedConfirmationWebhook().put("state", "cancel")).then().statusCode(202);
        await().atMost(PATIENCE).until(() -> events(OdooEvents.SALES_ORDER_CANCELLED, fixture.orderName()) == 1);
        poll();
        reconcile();

        assertEquals(1, events(OdooEvents.SALES_ORDER_CANCELLED, fixture.orderName()));
        assertEquals(1, confirmedOrderEvents());
    }

    @Test
    void thousandUpdatesQueuedWhileOdooIsDownAreAllAppliedInOrderWithinTheRate() {
        odoo.goDown(OdooStub.DownMode.CONNECTION_REFUSED);
        sql("""
                INSERT INTO odoo_write (operation, subject, payload)
                SELECT 'tracking-ref', 'SHP-OUTAGE', format('{"shipmentId":"SHP-OUTAGE","orderId":"ORD-OUTAGE","odooOrderId":%s,"trackingNumber":"TRK-%s","carrierId":"ups"}', $1::bigint, lpad(g::text, 4, '0'))
                FROM generate_series(1, 1000) g ORDER BY g""", fixture.orderId());
        await().atMost(PATIENCE).until(() -> count("SELECT attempts FROM odoo_write ORDER BY seq LIMIT 1") >= 2);
        assertEquals(1000, count("SELECT count(*) FROM odoo_write WHERE status = 'PENDING'"), "nothing is lost or skipped while Odoo is down");

        odoo.comeBack();
        await().atMost(Duration.ofSeconds(120)).until(() -> count("SELECT count(*) FROM odoo_write WHERE status = 'DONE'") == 1000);

        List<OdooStub.RecordedCall> writes = odoo.calls("stock.picking", "write");
        List<String> applied = writes.stream().map(c -> c.arguments().path("vals").path("carrier_tracking_ref").asText()).toList();
        List<String> queued = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            queued.add(String.format("TRK-%04d", i));
        }
        assertEquals(queued, applied, "applied once each, in the order queued");
        assertEquals("TRK-1000", odoo.record("stock.picking", fixture.pickingId()).path("carrier_tracking_ref").asText());

        List<OdooStub.RecordedCall> all = odoo.calls();
        int busiestSecond = busiestOneSecondWindow(all);
        double seconds = (all.get(all.size() - 1).nanos() - all.get(0).nanos()) / 1e9;
        System.out.printf("[figures] %s: %d calls reached Odoo in %.2f s after it came back; busiest 1-s window %d calls "
                + "(limit %d/s)%n", odoo.flavour(), all.size(), seconds, busiestSecond, callsPerSecond);
        assertTrue(busiestSecond <= callsPerSecond, busiestSecond + " calls reached Odoo within one second");
    }

    @Test
    void writeQueueDepthIsExportedAndFollowsAnOdooOutage() {
        odoo.goDown(OdooStub.DownMode.CONNECTION_REFUSED);
        sql("""
                INSERT INTO odoo_write (operation, subject, payload)
                SELECT 'tracking-ref', 'SHP-METRICS', format('{"shipmentId":"SHP-METRICS","orderId":"ORD-METRICS","odooOrderId":%s,"trackingNumber":"TRK-M%s","carrierId":"ups"}', $1::bigint, g)
                FROM generate_series(1, 20) g ORDER BY g""", fixture.orderId());

        await().atMost(PATIENCE).until(() -> metric("waybill_odoo_write_queue_depth") == 20.0);
        assertEquals(0.0, metric("waybill_odoo_write_queue_failed"), "nothing is set aside while Odoo is only away");

        odoo.comeBack();
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE status = 'DONE'") == 20);
        await().atMost(PATIENCE).until(() -> metric("waybill_odoo_write_queue_depth") == 0.0);
    }

    // ---- operator command ---------------------------------------------------------------------------------------

    @Test
    void operatorInstallsAutomationRulesWithTheirFilterWrittenExplicitly() {
        given().when().post("/odoo/automations").then().statusCode(401);
        given().auth().oauth2(Tokens.client("odoo-connector", "webshop", "orders.write"))
                .when().post("/odoo/automations").then().statusCode(403);

        given().auth().oauth2(operator()).when().post("/odoo/automations").then().statusCode(200);
        given().auth().oauth2(operator()).when().post("/odoo/automations").then().statusCode(200); // idempotent

        List<ObjectNode> rules = odoo.records("base.automation", rule -> rule.path("name").asText().startsWith("Waybill:"));
        assertEquals(2, rules.size(), "installing twice updates, never duplicates");
        for (ObjectNode rule : rules) {
            assertEquals("on_state_set", rule.path("trigger").asText());
            assertFalse(rule.path("trigger_field_ids").isEmpty(), "without trigger fields the rule fires on every write");
            assertTrue(rule.path("filter_domain").asText().contains("state"));
            long action = rule.path("action_server_ids").get(0).asLong();
            assertTrue(odoo.record("ir.actions.server", action).path("webhook_url").asText().endsWith("/odoo/webhooks/" + SECRET));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private ObjectNode recordedConfirmationWebhook() {
        return odoo.transcripts().webhookPayloads().stream()
                .filter(p -> p.path("_id").asLong() == fixture.orderId() && "sale".equals(p.path("state").asText())
                        && p.has("partner_id"))
                .findFirst().orElseThrow();
    }

    private io.restassured.response.Response postWebhook(String secret, ObjectNode payload) {
        return given().contentType(ContentType.JSON).body(payload.toString()).when().post("/odoo/webhooks/" + secret);
    }

    /** order-service takes the Odoo order in under its own id, as it does on sales-order-confirmed. */
    private String acceptedByOrderService() {
        String orderId = "ORD-" + UUID.randomUUID();
        publish(EventStream.ORDERS, OrderEvents.ACCEPTED, orderId, new OrderAccepted(orderId, customerIdOf(fixture.partnerId()),
                "odoo", OdooEvents.SOURCE_SYSTEM, fixture.orderName(), null, confirmedOrder().shipTo(),
                confirmedOrder().lines(), false, null, null));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_binding WHERE kind = 'ORDER' AND canonical_id = $1",
                orderId) == 1);
        return orderId;
    }

    /** order-service takes in an order from another channel; returns its id once the connector has seen it. */
    private String acceptedFromTheWebshop() {
        String orderId = "ORD-" + UUID.randomUUID();
        OrderLine line = new OrderLine("1", fixture.sku(), Quantity.each(1));
        String eventId = publish(EventStream.ORDERS, OrderEvents.ACCEPTED, orderId, new OrderAccepted(orderId, "CUST-WEB",
                "webshop", "webshop", "WEB-" + orderId, null,
                new Address("Ada Buyer", null, "Hauptstrasse 1", null, "Berlin", null, "10115", "DE", null, null), List.of(line), false, null, null));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM inbox_message WHERE consumer = 'odoo-connector.orders' "
                + "AND message_id = $1", eventId) == 1);
        return orderId;
    }

    /** The order's shipment is delivered: Odoo's delivery is validated; returns the shipment id. */
    private String deliveredInOdoo(String orderId) {
        String shipmentId = "SHP-" + UUID.randomUUID();
        publish(EventStream.SHIPMENTS, ShipmentEvents.SHIPMENT_DELIVERED, shipmentId, new ShipmentDelivered(shipmentId,
                orderId, customerIdOf(fixture.partnerId()), Instant.now(), "J. Doe", "POD-1", null, null));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM odoo_write WHERE subject = $1 AND status = 'DONE'",
                shipmentId) == 1);
        assertEquals("done", odoo.record("stock.picking", fixture.pickingId()).path("state").asText());
        return shipmentId;
    }

    /** shipment-service: the customer's return of {@code units} of the fixture's product is back in the warehouse. */
    private void receiveReturn(String returnId, String shipmentId, String orderId, long units) {
        publish(EventStream.SHIPMENTS, ShipmentEvents.RETURN_RECEIVED, returnId, new ReturnReceived(returnId, shipmentId,
                orderId, customerIdOf(fixture.partnerId()), List.of(new ReturnLine(fixture.sku(), Quantity.each(units))),
                "SHP-RET-" + returnId, "WH-TEST", Instant.now()));
    }

    private ObjectNode theOneReturnPicking() {
        List<ObjectNode> returns = odoo.records("stock.picking", p -> p.path("return_id").path(0).asLong() == fixture.pickingId());
        assertEquals(1, returns.size(), "exactly one return picking of the delivery in Odoo");
        return returns.get(0);
    }

    private int createReturnsCalls() {
        return odoo.calls("stock.return.picking", "create_returns").size()
                + odoo.calls("stock.return.picking", "action_create_returns").size();
    }

    /** billing-service issues an invoice for the fixture's customer; returns its number. */
    private String issueInvoice(String invoiceId, String orderId) {
        String number = "WB-" + invoiceId.substring(4, 12);
        Money amount = Money.of("49.90", "USD");
        publish(EventStream.BILLING, BillingEvents.INVOICE_ISSUED, invoiceId, new InvoiceIssued(invoiceId, number,
                customerIdOf(fixture.partnerId()), orderId, List.of("SHP-1"), Instant.now(), LocalDate.now().plusDays(30),
                List.of(new InvoiceLine(1, "SHP-1", ChargeCode.FREIGHT, "Parcel freight", amount)), amount));
        return number;
    }

    private void reconcile() {
        given().auth().oauth2(operator()).when().post("/odoo/reconciliations").then().statusCode(200);
    }

    private long events(EventType<?> type, String subject) {
        return count("SELECT count(*) FROM outbox_message WHERE event_type = $1 AND subject = $2", type.name(), subject);
    }

    private void poll() {
        given().auth().oauth2(operator()).when().post("/odoo/polls").then().statusCode(200);
    }

    private static String operator() {
        return Tokens.client("odoo-connector", "ops", "odoo.sync");
    }

    private long confirmedOrderEvents() {
        return count("SELECT count(*) FROM outbox_message WHERE event_type = $1 AND subject = $2",
                OdooEvents.SALES_ORDER_CONFIRMED.name(), fixture.orderName());
    }

    private SalesOrderConfirmed confirmedOrder() {
        String envelope = text("SELECT envelope FROM outbox_message WHERE event_type = $1 AND subject = $2",
                OdooEvents.SALES_ORDER_CONFIRMED.name(), fixture.orderName());
        return EventJson.readEnvelope(envelope).dataAs(OdooEvents.SALES_ORDER_CONFIRMED);
    }

    private String customerIdOf(long partnerId) {
        return text("SELECT canonical_id FROM odoo_binding WHERE kind = 'CUSTOMER' AND odoo_id = $1", partnerId);
    }

    private <T> String publish(EventStream stream, EventType<T> type, String subject, T payload) {
        return publishEvent(stream, type, subject, payload).id();
    }

    private <T> EventEnvelope publishEvent(EventStream stream, EventType<T> type, String subject, T payload) {
        EventEnvelope event = new EventEnvelope(null, UUID.randomUUID().toString(), "urn:waybill:test", type.name(),
                Instant.now(), subject, type.dataschema(), null, null, null, null, EventJson.toTree(payload));
        send(stream, event);
        return event;
    }

    /** Puts an event on the broker (again: the broker redelivers a message it was not sure was taken). */
    private void send(EventStream stream, EventEnvelope event) {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder().withAddress(stream.address()).withDurable(true)
                .withMessageId(event.id()).withGroupId(event.subject()).withContentType("application/json").build();
        events.sendMessage(Message.of(new JsonObject(EventJson.write(event))).addMetadata(metadata))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static ObjectNode vals(String field, String value) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putObject("vals").put(field, value);
        return args;
    }

    /** What Odoo's account.move shows after a payment that leaves {@code residual} of {@code total} due. */
    private static ObjectNode partialPayment(double total, double residual) {
        ObjectNode args = vals("payment_state", "partial");
        ((ObjectNode) args.get("vals")).put("amount_total", total).put("amount_residual", residual);
        return args;
    }

    /** The value of an untagged gauge as Prometheus scrapes it from /q/metrics; NaN when it is not exported. */
    private static double metric(String name) {
        String exposition = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The most calls whose arrival falls within one second, over every window starting at a call. */
    static int busiestOneSecondWindow(List<OdooStub.RecordedCall> calls) {
        long[] arrivals = calls.stream().mapToLong(OdooStub.RecordedCall::nanos).sorted().toArray();
        int busiest = 0;
        int end = 0;
        for (int start = 0; start < arrivals.length; start++) {
            while (end < arrivals.length && arrivals[end] - arrivals[start] < 1_000_000_000L) {
                end++;
            }
            busiest = Math.max(busiest, end - start);
        }
        return busiest;
    }

    private void sql(String statement, Object... params) {
        db.preparedQuery(statement).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(30));
    }

    private long count(String query, Object... params) {
        for (Row row : db.preparedQuery(query).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))) {
            return row.getLong(0);
        }
        return 0;
    }

    private List<String> texts(String query, Object... params) {
        List<String> texts = new java.util.ArrayList<>();
        for (Row row : db.preparedQuery(query).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))) {
            texts.add(row.getString(0));
        }
        return texts;
    }

    private String text(String query, Object... params) {
        for (Row row : db.preparedQuery(query).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))) {
            return row.getString(0);
        }
        return null;
    }

}
