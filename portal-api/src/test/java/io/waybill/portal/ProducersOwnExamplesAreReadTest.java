package io.waybill.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A consumer contract test: the example payloads the producing services keep beside their schemas in common-model
 * (common-model/src/test/resources/event-examples) are fed to the portal as published, only with fresh ids. If a
 * producer renames a field the portal reads, this fails here rather than in a customer's view.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class ProducersOwnExamplesAreReadTest {

    private static final Path EXAMPLES = Path.of("..", "common-model", "src", "test", "resources", "event-examples");

    @Inject
    EventFeed feed;

    @Test
    void theProducersExamplePayloadsBuildTheCustomersViews() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = "CUST-EX-" + suffix;
        String orderId = "ord-" + suffix;
        String shipmentId = "shp-" + suffix;
        String tracking = "SWP" + suffix;
        String invoiceId = UUID.randomUUID().toString();
        String invoiceNumber = "INV-EX-" + suffix;

        ObjectNode accepted = example("waybill.order.accepted.v1").put("orderId", orderId).put("customerId", customer);
        ObjectNode allocated = example("waybill.order.status-changed.v1").put("orderId", orderId).put("customerId", customer);
        ObjectNode booked = example("waybill.shipment.booked.v1").put("shipmentId", shipmentId).put("orderId", orderId)
                .put("customerId", customer).put("trackingNumber", tracking);
        ObjectNode scan = example("waybill.shipment.milestone-recorded.v1").put("shipmentId", shipmentId)
                .put("orderId", orderId).put("customerId", customer);
        ObjectNode delivered = example("waybill.shipment.delivered.v1").put("shipmentId", shipmentId)
                .put("orderId", orderId).put("customerId", customer);
        ObjectNode invoice = example("waybill.billing.invoice-issued.v1").put("invoiceId", invoiceId)
                .put("number", invoiceNumber).put("customerId", customer).put("orderId", orderId);
        ObjectNode credit = example("waybill.billing.credit-note-issued.v1").put("noteId", UUID.randomUUID().toString())
                .put("number", "CN-EX-" + suffix).put("invoiceId", invoiceId).put("invoiceNumber", invoiceNumber)
                .put("customerId", customer).put("orderId", orderId);
        ObjectNode paid = example("waybill.billing.invoice-payment-updated.v1").put("invoiceId", invoiceId)
                .put("number", invoiceNumber).put("customerId", customer);
        // Odoo's report is older than billing's PAID: it must not undo it.
        ObjectNode odoo = example("waybill.odoo.invoice-payment-updated.v1").put("invoiceId", invoiceId)
                .put("customerId", customer);

        feed.publishAndAwait(
                event("waybill.order.accepted.v1", "order-service", orderId, customer, accepted, Instant.parse("2026-11-23T10:00:00Z")),
                event("waybill.order.status-changed.v1", "order-service", orderId, customer, allocated, Instant.parse(allocated.path("changedAt").asText())),
                event("waybill.shipment.booked.v1", "shipment-service", shipmentId, customer, booked, Instant.parse("2026-11-24T08:00:00Z")),
                event("waybill.shipment.milestone-recorded.v1", "shipment-service", shipmentId, customer, scan, Instant.parse(scan.path("receivedAt").asText())),
                event("waybill.shipment.delivered.v1", "shipment-service", shipmentId, customer, delivered, Instant.parse(delivered.path("deliveredAt").asText())),
                event("waybill.billing.invoice-issued.v1", "billing-service", invoiceId, customer, invoice, Instant.parse(invoice.path("issuedAt").asText())),
                event("waybill.billing.credit-note-issued.v1", "billing-service", credit.path("noteId").asText(), customer, credit, Instant.parse(credit.path("issuedAt").asText())),
                event("waybill.billing.invoice-payment-updated.v1", "billing-service", invoiceId, customer, paid, Instant.parse(paid.path("updatedAt").asText())),
                event("waybill.odoo.invoice-payment-updated.v1", "odoo-connector", invoiceId, customer, odoo, Instant.parse(odoo.path("observedAt").asText())));

        String token = PortalApi.customerToken(customer);
        String orderNumber = given().auth().oauth2(token).get("/me/orders").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].orderNumber", startsWith("WB-"))
                .body("items[0].status.code", equalTo("PROCESSING"))
                .body("items[0].yourReference", equalTo(accepted.path("sourceReference").asText()))
                .extract().path("items[0].orderNumber");
        given().auth().oauth2(token).get("/me/orders/{n}", orderNumber).then().statusCode(200)
                .body("lines[0].sku", equalTo(accepted.path("lines").get(0).path("sku").asText()))
                .body("lines[0].quantity.value", equalTo(2))
                .body("shipTo.city", equalTo("Berlin"))
                .body("shipments[0].trackingNumber", equalTo(tracking));
        String timeline = given().auth().oauth2(token).get("/me/shipments/{t}", tracking).then().statusCode(200)
                .body("status.code", equalTo("DELIVERED"))
                .body("events.status.code", contains("OUT_FOR_DELIVERY"))
                .body("events[0].location", equalTo(scan.path("location").asText()))
                .extract().asString();
        String pod = given().auth().oauth2(token).get("/me/shipments/{t}/proof-of-delivery", tracking).then()
                .statusCode(200)
                .body("signedBy", equalTo(delivered.path("signer").asText()))
                .body("evidence", contains("PHOTO", "SIGNATURE"))
                .extract().asString();
        String invoices = given().auth().oauth2(token).get("/me/invoices").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.kind == 'INVOICE' }.paymentState.code", equalTo("PAID"))
                .body("items.find { it.kind == 'INVOICE' }.amountDue.amount", equalTo(0.0f))
                .body("items.find { it.kind == 'INVOICE' }.orderNumber", equalTo(orderNumber))
                .body("items.find { it.kind == 'CREDIT_NOTE' }.correctsInvoiceNumber", equalTo(invoiceNumber))
                .extract().asString();
        for (String body : new String[]{timeline, pod, invoices}) {
            for (String internal : new String[]{booked.path("carrierId").asText(), "SP-STD", "6.90", orderId,
                    shipmentId, invoiceId, allocated.path("reason").asText(), credit.path("reason").asText()}) {
                assertThat(body, not(containsString(internal)));
            }
        }
    }

    private static ObjectNode example(String type) throws IOException {
        Path file = EXAMPLES.resolve(type + ".json");
        return (ObjectNode) EventJson.mapper().readTree(Files.readString(file));
    }

    private static EventEnvelope event(String type, String source, String subject, String customer, ObjectNode data,
                                       Instant time) {
        return Events.envelope(type, source, subject, customer, time, data);
    }
}
