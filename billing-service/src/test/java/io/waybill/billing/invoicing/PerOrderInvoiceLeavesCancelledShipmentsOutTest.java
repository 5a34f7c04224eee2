package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.events.EventEnvelope;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PerOrderInvoiceLeavesCancelledShipmentsOutTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void whenTheLastOpenShipmentOfAnOrderIsCancelledTheDeliveredOnesAreInvoiced() {
        String orderId = ShipmentEventsFixture.newOrderId();
        ShipmentEventsFixture delivered = Journeys.booked(publisher, "CUST-GLOBEX", orderId, "dhl", "7.00");
        ShipmentEventsFixture cancelled = Journeys.booked(publisher, "CUST-GLOBEX", orderId, "dhl", "7.00");

        EventEnvelope delivery = delivered.delivered(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ?", delivery.id()) == 1);
        assertEquals(0, count("SELECT count(*) FROM invoice WHERE invoicing_key = ?", "order:" + orderId),
                "the order's other shipment is still open");

        cancelled.cancelled("Label voided");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM invoice WHERE invoicing_key = ?", "order:" + orderId) == 1);

        given().auth().oauth2(Tokens.client("billing-service", "finance", "billing.read"))
                .when().get("/invoices/" + single("SELECT id FROM invoice WHERE invoicing_key = ?", "order:" + orderId))
                .then().statusCode(200)
                .body("shipmentIds", contains(delivered.shipmentId))
                .body("lines.code", contains("FREIGHT", "FUEL"));
    }
}
