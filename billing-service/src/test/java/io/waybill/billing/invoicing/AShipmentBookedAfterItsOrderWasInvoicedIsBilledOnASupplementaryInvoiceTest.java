package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.events.EventEnvelope;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.column;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CUST-GLOBEX is invoiced per order. Its order's invoice goes out while billing knows only shipment A; shipment B is
 * booked later (a split consignment). B's freight must still be billed, once, without touching the posted invoice.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AShipmentBookedAfterItsOrderWasInvoicedIsBilledOnASupplementaryInvoiceTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void eachShipmentOfThePerOrderCustomerIsBilledExactlyOnceWhateverTheOrderOfItsProofsOfDelivery() {
        String orderId = ShipmentEventsFixture.newOrderId();
        Instant deliveredAt = Instant.parse("2026-11-20T10:15:00Z");
        List<EventEnvelope> sent = new ArrayList<>();

        // Shipment A: a proof of delivery before its booking, then two more, the last one older than the first.
        ShipmentEventsFixture a = new ShipmentEventsFixture(publisher, "CUST-GLOBEX", orderId, "dhl");
        sent.add(a.delivered(deliveredAt));
        sent.add(a.bookingRequested());
        sent.add(a.booked("7.00"));
        sent.add(a.delivered(deliveredAt.plusSeconds(60)));
        sent.add(a.delivered(deliveredAt.minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM invoice WHERE invoicing_key = ?", "order:" + orderId) == 1);
        String orderInvoice = single("SELECT id FROM invoice WHERE invoicing_key = ?", "order:" + orderId);

        // Shipment B, booked after the order's invoice: its deliveries again three times and out of order.
        ShipmentEventsFixture b = new ShipmentEventsFixture(publisher, "CUST-GLOBEX", orderId, "ups");
        sent.add(b.delivered(deliveredAt.plusSeconds(3600)));
        sent.add(b.bookingRequested());
        sent.add(b.booked("7.00"));
        sent.add(b.delivered(deliveredAt.plusSeconds(7200)));
        EventEnvelope redelivered = b.delivered(deliveredAt.plusSeconds(1800));
        sent.add(redelivered);
        publisher.publish(io.waybill.events.shipment.ShipmentEvents.SHIPMENT_DELIVERED, redelivered);

        await().atMost(Duration.ofSeconds(30)).until(() -> single(
                "SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", b.shipmentId) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(e -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ?", e.id()) == 1));

        assertEquals(List.of("order:" + orderId, "order:" + orderId + ":shipment:" + b.shipmentId),
                column("SELECT invoicing_key FROM invoice WHERE order_id = ? ORDER BY issued_at", orderId));
        String supplementary = single("SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", b.shipmentId);

        // The order invoice is as it was posted: A only. B is on its own invoice, with its own freight and fuel.
        given().auth().oauth2(FINANCE).when().get("/invoices/" + orderInvoice)
                .then().statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("shipmentIds", contains(a.shipmentId))
                .body("lines.code", contains("FREIGHT", "FUEL"))
                .body("lines.amount.amount", contains(6.81f, 0.49f))
                .body("notes.size()", equalTo(0));
        given().auth().oauth2(FINANCE).when().get("/invoices/" + supplementary)
                .then().statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("shipmentIds", contains(b.shipmentId))
                .body("lines.code", contains("FREIGHT", "FUEL"))
                .body("total.amount", equalTo(7.30f));

        // Every shipment billed once: one freight line each across all the order's invoices, two invoices issued.
        for (String shipment : List.of(a.shipmentId, b.shipmentId)) {
            assertEquals(1, count("SELECT count(*) FROM invoice_line WHERE shipment_id = ? AND code = 'FREIGHT'",
                    shipment), shipment);
        }
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND subject IN (?, ?)",
                "waybill.billing.invoice-issued.v1", orderInvoice, supplementary));
        assertEquals(0, count("SELECT count(*) FROM dead_letter WHERE message_id IN ("
                + String.join(",", sent.stream().map(e -> "'" + e.id() + "'").toList()) + ")"));
        given().auth().oauth2(AUDITOR).when().get("/ops/unbilled-shipments?limit=5000")
                .then().statusCode(200)
                .body("shipmentId", not(hasItem(a.shipmentId)))
                .body("shipmentId", not(hasItem(b.shipmentId)));
    }
}
