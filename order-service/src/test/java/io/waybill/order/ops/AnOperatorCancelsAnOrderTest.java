package io.waybill.order.ops;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReservationRejected;
import io.waybill.events.order.OrderEvents;
import io.waybill.model.Quantity;
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

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The operator desk's cancel ({@code POST /ops/orders/{id}/cancel}): what it does to an order at each stage, not
 * only who may call it (EveryEndpointChecksTokenScopeAndOwnerTest covers that).
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class AnOperatorCancelsAnOrderTest {

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Test
    void aBookedOrderIsCancelledWithItsStockReleasedItsShipmentCancelledAndItsReleaseWithdrawn() {
        String customer = customer();
        String orderId = booked(customer);

        cancel(orderId, "customer called: wrong address").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        assertEquals("res-" + orderId, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1)
                .getFirst().reservationId());
        assertEquals("shp-" + orderId, Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 1)
                .getFirst().shipmentId());
        assertEquals(0, Database.count("SELECT count(*) FROM warehouse_release WHERE order_id = ? AND status = 'PENDING'",
                orderId), "nothing goes to the warehouse any more");
        assertEquals("customer called: wrong address (operator ops-console)", Database.statusReason(orderId));
        given().auth().oauth2(operator()).get("/ops/orders?status=CANCELLED").then().statusCode(200)
                .body("orderId", hasItem(orderId));
        given().auth().oauth2(operator()).get("/ops/orders/{id}/saga", orderId).then().statusCode(200)
                .body("trail.kind", hasItem("COMPENSATION"));

        cancel(orderId, "again").then().statusCode(409).contentType("application/problem+json");
        assertEquals(1, Database.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId).size(),
                "a second cancel compensates nothing twice");
    }

    @Test
    void aHeldOrderIsCancelled() {
        String sku = product("GENERAL");
        String orderId = submit(order(customer(), "DE", "STANDARD", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        broker.publish(InventoryEvents.RESERVATION_REJECTED, orderId, new ReservationRejected(orderId,
                ReservationRejected.INSUFFICIENT_STOCK, List.of(new ReservationRejected.Shortage(sku,
                Quantity.each(2), Quantity.each(0)))));
        Awaiting.status(orderId, "ON_HOLD");

        cancel(orderId, "no stock expected this month").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(List.of(), Database.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId),
                "no shipment was booked, none is cancelled");
    }

    @Test
    void aShippedOrderCannotBeCancelledAndStaysShipped() {
        String orderId = booked(customer());
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
        given().auth().oauth2(Tokens.partner(AUDIENCE, "acme-3pl", "fulfilment.write"))
                .contentType("application/json").body(Map.of("eventId", "ship-" + orderId, "releaseReference", orderId,
                        "type", "SHIPPED"))
                .post("/fulfilment/acme-3pl/events").then().statusCode(202);
        Awaiting.status(orderId, "SHIPPED");

        cancel(orderId, "too late").then().statusCode(409).contentType("application/problem+json");
        assertEquals("SHIPPED", Database.status(orderId));
        assertEquals(List.of(), Database.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId));
    }

    @Test
    void anUnknownOrderIs404AndAMissingReasonNamesTheField() {
        cancel("no-such-order", "whatever").then().statusCode(404).contentType("application/problem+json");
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        given().auth().oauth2(operator()).contentType("application/json").body(Map.of())
                .post("/ops/orders/{id}/cancel", orderId).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        assertEquals("ALLOCATING", Database.status(orderId), "a refused cancel changes nothing");
    }

    private String booked(String customer) {
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);
        return orderId;
    }

    private static io.restassured.response.Response cancel(String orderId, String reason) {
        return given().auth().oauth2(operator()).contentType("application/json").body(Map.of("reason", reason))
                .post("/ops/orders/{id}/cancel", orderId);
    }
}
