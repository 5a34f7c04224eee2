package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.events.EventEnvelope;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ProofOfDeliveryReportedThreeTimesOutOfOrderYieldsOneInvoiceTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void deliveryBeforeBookingThenTwiceMoreAndOneRedeliveryIssuesExactlyOneInvoice() {
        ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, "CUST-ACME",
                ShipmentEventsFixture.newOrderId(), "dhl");
        Instant deliveredAt = Instant.parse("2026-11-20T10:15:00Z");

        // Out of order: the proof of delivery arrives before the booking and before the order's booking request.
        EventEnvelope firstDelivery = shipment.delivered(deliveredAt);
        EventEnvelope booked = shipment.booked("7.10");
        EventEnvelope secondDelivery = shipment.delivered(deliveredAt.plusSeconds(60));
        EventEnvelope request = shipment.bookingRequested();
        EventEnvelope thirdDelivery = shipment.delivered(deliveredAt.plusSeconds(120));
        publisher.publish(ShipmentEvents.SHIPMENT_DELIVERED, firstDelivery); // the broker redelivering the first one

        List<String> eventIds = List.of(firstDelivery.id(), booked.id(), secondDelivery.id(), request.id(),
                thirdDelivery.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ANY (?::varchar[])",
                (Object) eventIds.toArray(String[]::new)) == eventIds.size());

        assertEquals(1, count("SELECT count(*) FROM invoice WHERE invoicing_key = ?", "shipment:" + shipment.shipmentId));
        String invoiceId = single("SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", shipment.shipmentId);
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.invoice-issued.v1", invoiceId));
        // The first proof of delivery is the one that counts.
        assertEquals("pod-" + shipment.shipmentId, single(
                "SELECT proof_of_delivery_ref FROM billable_shipment WHERE shipment_id = ?", shipment.shipmentId));
        assertEquals(deliveredAt.toString(), single(
                "SELECT to_char(delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM billable_shipment WHERE shipment_id = ?",
                shipment.shipmentId));

        // STANDARD to DE, 4 kg chargeable: band up to 5 kg at 7.40 EUR, fuel 8.5% = 0.629 -> 0.63 (half-even).
        given().auth().oauth2(Tokens.client("billing-service", "finance", "billing.read"))
                .when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("customerId", equalTo("CUST-ACME"))
                .body("shipmentIds", contains(shipment.shipmentId))
                .body("lines.code", contains("FREIGHT", "FUEL"))
                .body("lines.amount.amount", contains(7.40f, 0.63f))
                .body("total.amount", equalTo(8.03f))
                .body("payment.state", equalTo("NOT_PAID"));
    }

    @Test
    void shuffledEventsOfManyShipmentsOnBothStreamsIssueOneInvoiceEach() {
        long seed = Long.getLong("billing.seed", 7_2026L);
        Random random = new Random(seed);
        List<ShipmentEventsFixture> shipments = new ArrayList<>();
        List<Supplier<EventEnvelope>> publications = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, "CUST-ACME",
                    ShipmentEventsFixture.newOrderId(), "dhl");
            shipments.add(shipment);
            publications.add(shipment::bookingRequested);
            publications.add(() -> shipment.booked("7.10"));
            for (int delivery = 0; delivery < 3; delivery++) {
                Instant at = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(random.nextInt(3600));
                publications.add(() -> shipment.delivered(at));
            }
        }
        Collections.shuffle(publications, random);
        List<String> eventIds = publications.stream().map(Supplier::get).map(EventEnvelope::id).toList();

        List<String> keys = shipments.stream().map(s -> "shipment:" + s.shipmentId).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM invoice WHERE invoicing_key = ANY (?::varchar[])",
                (Object) keys.toArray(String[]::new)) == shipments.size());
        // Every event was applied, none given up on: the two streams never deadlocked or lost a rating.
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ANY (?::varchar[])",
                (Object) eventIds.toArray(String[]::new)) == eventIds.size());
        assertEquals(0, count("SELECT count(*) FROM dead_letter WHERE message_id = ANY (?::varchar[])",
                (Object) eventIds.toArray(String[]::new)), "seed " + seed);
        for (ShipmentEventsFixture shipment : shipments) {
            assertEquals(1, count("SELECT count(*) FROM invoice WHERE invoicing_key = ?", "shipment:" + shipment.shipmentId),
                    "seed " + seed + ", shipment " + shipment.shipmentId);
        }
    }
}
