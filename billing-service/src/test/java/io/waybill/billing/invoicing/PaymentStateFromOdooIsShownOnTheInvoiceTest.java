package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.InvoicePaymentUpdated;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.model.Money;
import io.waybill.model.billing.PaymentState;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PaymentStateFromOdooIsShownOnTheInvoiceTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void thePaidStateFromOdooIsShownAndAnOlderReportDoesNotOverwriteIt() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);
        Instant paidAt = Instant.parse("2026-12-10T08:30:00Z");

        EventEnvelope paid = payment(invoiceId, PaymentState.PAID, "0.00", paidAt);
        // A poll that read Odoo before the payment, delivered after the webhook.
        EventEnvelope stale = payment(invoiceId, PaymentState.NOT_PAID, "8.03", paidAt.minusSeconds(3600));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id IN (?, ?)", paid.id(), stale.id()) == 2);

        given().auth().oauth2(Tokens.client("billing-service", "portal-api", "billing.read"))
                .when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("payment.state", equalTo("PAID"))
                .body("payment.amountDue.amount", equalTo(0.0f))
                .body("payment.odooNumber", equalTo("INV/2026/00042"))
                .body("total.amount", equalTo(8.03f));
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND subject = ?",
                "waybill.billing.invoice-payment-updated.v1", invoiceId));
    }

    @Test
    void eachPartialPaymentUpdatesWhatIsDueAlthoughTheStateStaysPartial() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                "dhl", "7.10");
        String invoiceId = Journeys.invoiced(publisher, shipment);
        Instant firstPayment = Instant.parse("2026-12-01T09:00:00Z");

        EventEnvelope first = payment(invoiceId, PaymentState.PARTIAL, "5.00", firstPayment);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ?", first.id()) == 1);
        // A second partial payment: Odoo's state is PARTIAL again, only the residual moves.
        EventEnvelope second = payment(invoiceId, PaymentState.PARTIAL, "2.03", firstPayment.plusSeconds(86_400));
        // The first report delivered once more, late: it must not put the older residual back.
        EventEnvelope late = payment(invoiceId, PaymentState.PARTIAL, "5.00", firstPayment);
        publisher.publish(OdooEvents.INVOICE_PAYMENT_UPDATED, late);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id IN (?, ?)", second.id(), late.id()) == 2);

        given().auth().oauth2(Tokens.client("billing-service", "portal-api", "billing.read"))
                .when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("payment.state", equalTo("PARTIAL"))
                .body("payment.amountDue.amount", equalTo(2.03f))
                .body("balance.amount", equalTo(8.03f));
        // Both partial payments reach the portal, each with the residual it left.
        assertEquals(java.util.List.of("5.00", "2.03"), io.waybill.billing.BillingDatabase.column(
                "SELECT envelope::jsonb #>> '{data,amountResidual,amount}' FROM outbox_message "
                        + "WHERE event_type = ? AND subject = ? ORDER BY position",
                "waybill.billing.invoice-payment-updated.v1", invoiceId).stream()
                .map(a -> new java.math.BigDecimal(a).setScale(2).toPlainString()).toList());
    }

    private EventEnvelope payment(String invoiceId, PaymentState state, String due, Instant observedAt) {
        return publisher.publish(OdooEvents.INVOICE_PAYMENT_UPDATED, invoiceId, "CUST-ACME",
                new InvoicePaymentUpdated(invoiceId, "CUST-ACME", 42L, "INV/2026/00042", state,
                        Money.of("8.03", "EUR"), Money.of(due, "EUR"), observedAt));
    }
}
