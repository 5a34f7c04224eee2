package io.waybill.order.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.billing.BillingEvents;
import io.waybill.events.billing.InvoiceIssued;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Money;
import io.waybill.order.fulfilment.acme.AcmeReleaseDispatcher;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.OnVertx;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The audit history names, for every transition, the channel it came through ({@code source}) and who was behind
 * it ({@code changedBy}): the submitting client, each participant service, the 3PL, billing.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class EveryTransitionSaysWhoCausedItAndThroughWhatTest {

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Test
    void fromIntakeToInvoiceEachTransitionNamesItsSourceAndItsActor() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
        given().auth().oauth2(Tokens.partner(AUDIENCE, "acme-3pl", "fulfilment.write"))
                .contentType("application/json").body(Map.of("eventId", "ship-" + orderId, "releaseReference", orderId,
                        "type", "SHIPPED"))
                .post("/fulfilment/acme-3pl/events").then().statusCode(202);
        Awaiting.status(orderId, "SHIPPED");
        broker.publish(ShipmentEvents.SHIPMENT_DELIVERED, orderId, new ShipmentDelivered("shp-" + orderId, orderId,
                customer, Instant.now(), "E. Mustermann", "pod-" + orderId, null, null));
        Awaiting.status(orderId, "DELIVERED");
        broker.publish(BillingEvents.INVOICE_ISSUED, "inv-" + orderId, new InvoiceIssued("inv-" + orderId,
                "INV-" + orderId, customer, orderId, List.of("shp-" + orderId), Instant.now(),
                LocalDate.now().plusDays(30), List.of(), Money.of("7.90", "EUR")));
        Awaiting.status(orderId, "INVOICED");

        assertEquals(List.of(
                "RECEIVED rest webshop",
                "VALIDATED rest webshop",
                "ALLOCATING rest webshop",
                "ALLOCATED event inventory-service",
                "BOOKING event inventory-service",
                "BOOKED event shipment-service",
                "RELEASED acme-3pl acme-3pl",
                "SHIPPED acme-3pl acme-3pl",
                "DELIVERED event shipment-service",
                "INVOICED event billing-service"), who(orderId));
    }

    @Test
    void anOperatorsCancellationNamesTheOperator() {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        given().auth().oauth2(operator()).contentType("application/json").body(Map.of("reason", "duplicate order"))
                .post("/ops/orders/{id}/cancel", orderId).then().statusCode(200);
        assertEquals("CANCELLED operator ops-console", who(orderId).getLast());
    }

    private static List<String> who(String orderId) {
        return Database.history(orderId).stream()
                .map(row -> row.status() + " " + row.source() + " " + row.changedBy()).toList();
    }
}
