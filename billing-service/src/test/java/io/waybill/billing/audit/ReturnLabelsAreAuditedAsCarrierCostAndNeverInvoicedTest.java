package io.waybill.billing.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Money;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * shipment-service buys a return label and reports it as {@code return-authorized}; the carrier then bills that label.
 * Billing must know the return shipment by its tracking number and label cost, so the line is audited like any other
 * (not an unknown shipment), and must not charge the customer for it.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReturnLabelsAreAuditedAsCarrierCostAndNeverInvoicedTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final String AUDITOR = Tokens.client("billing-service", "ops-anna", "billing.audit");

    @Inject
    StreamPublisher publisher;

    @Test
    void aReturnLabelBilledAtItsQuoteIsApprovedAndInvoicesNobody() {
        String carrier = carrier();
        ShipmentEventsFixture outbound = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        Journeys.invoiced(publisher, outbound);
        ShipmentEventsFixture.Return ret = returnRecorded(outbound, Money.of("6.00", "EUR"));

        String billId = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(carrier, ret.trackingNumber(), "6.00"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("APPROVED"))
                .body("lines.shipmentId", contains(ret.shipmentId()))
                .extract().path("billId");
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());

        // The goods arrive back: still nothing for the customer, whose only invoice is the outbound one.
        ret.deliveredBack(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE shipment_id = ? AND delivered_at IS NOT NULL",
                ret.shipmentId()) == 1);
        assertEquals(1, count("SELECT count(*) FROM invoice WHERE order_id = ?", outbound.orderId));
        assertEquals(0, count("SELECT count(*) FROM charge_line WHERE shipment_id = ?", ret.shipmentId()));
        assertNull(single("SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", ret.shipmentId()));
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE event_type = ? AND envelope LIKE ?",
                "waybill.billing.invoice-issued.v1", "%" + ret.shipmentId() + "%"), "bill " + billId);
    }

    @Test
    void aReturnLabelBilledAboveItsQuoteIsDisputedAsAnOvercharge() {
        String carrier = carrier();
        ShipmentEventsFixture outbound = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        ShipmentEventsFixture.Return ret = returnRecorded(outbound, Money.of("6.00", "EUR"));

        // Quote 6.00, tolerance the lesser of 2.00 and 2 % = 0.12: 6.50 is over it.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(carrier, ret.trackingNumber(), "6.50"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("DISPUTED"))
                .body("lines.disputeReason", contains("OVERCHARGE"));
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200)
                .body("reason", contains("OVERCHARGE"))
                .body("shipmentId", contains(ret.shipmentId()))
                .body("billed.amount", contains(6.50f))
                .body("expected.amount", contains(6.00f));
    }

    @Test
    void aReturnAuthorizationDeliveredTwiceIsRecordedOnce() {
        String carrier = carrier();
        ShipmentEventsFixture outbound = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        ShipmentEventsFixture.Return ret = returnRecorded(outbound, Money.of("6.00", "EUR"));
        String recorded = single("SELECT version || ' ' || booked_at FROM billable_shipment WHERE shipment_id = ?",
                ret.shipmentId());

        publisher.publish(ShipmentEvents.RETURN_AUTHORIZED, ret.event()); // the broker redelivering it
        // A later event of the same subject (a second return of the same shipment) is handled after the redelivery.
        ShipmentEventsFixture.Return second = returnRecorded(outbound, Money.of("5.00", "EUR"));

        assertEquals(1, count("SELECT count(*) FROM inbox_message WHERE message_id = ?", ret.event().id()));
        assertEquals(recorded, single("SELECT version || ' ' || booked_at FROM billable_shipment WHERE shipment_id = ?",
                ret.shipmentId()), "the redelivered authorization changed the return shipment");
        assertEquals(2, count("SELECT count(*) FROM billable_shipment WHERE return_of_shipment_id = ?",
                outbound.shipmentId), "second return " + second.shipmentId());
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(carrier, ret.trackingNumber(), "6.00"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("APPROVED"));
    }

    @Test
    void aReturnLabelWithoutACostWaitsForItsQuoteInsteadOfBeingDisputed() {
        String carrier = carrier();
        ShipmentEventsFixture outbound = Journeys.booked(publisher, "CUST-ACME", ShipmentEventsFixture.newOrderId(),
                carrier, "6.00");
        ShipmentEventsFixture.Return ret = returnRecorded(outbound, null);

        String billId = given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(bill(carrier, ret.trackingNumber(), "6.50"))
                .when().post("/carrier-bills")
                .then().statusCode(201)
                .body("lines.auditStatus", contains("AWAITING_QUOTE"))
                .body("lines.disputeId", contains((Object) null))
                .extract().path("billId");
        given().auth().oauth2(AUDITOR).when().get("/disputes?carrierId=" + carrier)
                .then().statusCode(200).body("$", empty());

        // The return reported again with its label cost: the waiting line is audited against it.
        ret.authorized(Money.of("6.00", "EUR"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM carrier_bill_line WHERE bill_id = ?::uuid AND audit_status = 'AWAITING_QUOTE'",
                billId) == 0);
        given().auth().oauth2(FINANCE).when().get("/carrier-bills/" + billId)
                .then().statusCode(200)
                .body("lines.auditStatus", contains("DISPUTED"))
                .body("lines.disputeReason", contains("OVERCHARGE"));
    }

    /** Publishes the return's authorization and waits until billing knows the return shipment. */
    private ShipmentEventsFixture.Return returnRecorded(ShipmentEventsFixture outbound, Money labelCost) {
        ShipmentEventsFixture.Return ret = outbound.returnAuthorized(labelCost);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_message WHERE message_id = ?", ret.event().id()) == 1);
        return ret;
    }

    private static String carrier() {
        return "carrier-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String bill(String carrier, String trackingNumber, String freight) {
        return """
                {"carrierId": "%s", "carrierInvoiceNumber": "B-%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                 "lines": [{"trackingNumber": "%s", "code": "FREIGHT", "amount": %s}]}"""
                .formatted(carrier, UUID.randomUUID(), trackingNumber, freight);
    }
}
