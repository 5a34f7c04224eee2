package io.waybill.shipment.returns;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.portal.PortalEvents;
import io.waybill.events.portal.ReturnRequested;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Quantity;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class ReturnAuthorizationTest {

    private static final String AUDIENCE = "shipment-service";

    @Inject
    TestEvents events;

    @Test
    void aReturnGetsItsOwnShipmentAndMilestonesAndTellsInventoryAndBillingWhenReceived() {
        Map<String, Object> delivered = deliveredShipment();
        String shipmentId = (String) delivered.get("id");

        String returnId = given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "shipments.operate"))
                .contentType("application/json")
                .body("{\"lines\":[{\"sku\":\"MUG-BLUE-330\",\"quantity\":{\"value\":2,\"unit\":\"EACH\"}}],"
                        + "\"reason\":\"DAMAGED\"}")
                .when().post("/shipments/" + shipmentId + "/returns")
                .then().statusCode(202).header("Location", containsString("/returns/ret-"))
                .extract().path("returnId");

        Map<String, Object> ret = awaitReturn(returnId, "AUTHORIZED");
        Map<String, Object> returnShipment = Db.one("SELECT * FROM shipment WHERE id = ?", ret.get("return_shipment_id"));
        assertThat(returnShipment.get("kind"), is("RETURN"));
        assertThat(returnShipment.get("carrier_id"), is("swiftpost"));
        assertThat(returnShipment.get("tracking_number"), not(equalTo(delivered.get("tracking_number"))));
        List<String> authorized = Db.published(ShipmentEvents.RETURN_AUTHORIZED.name(), shipmentId);
        assertThat(authorized, hasSize(1));
        assertThat(Shipping.dataOf(authorized.get(0), "trackingNumber"), is(returnShipment.get("tracking_number")));

        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET, Shipping.sandboxEvent(
                (String) returnShipment.get("tracking_number"), "DELIVERED", Instant.now())).statusCode(202);
        awaitReturn(returnId, "RECEIVED");
        List<String> received = Db.published(ShipmentEvents.RETURN_RECEIVED.name(), shipmentId);
        assertThat(received, hasSize(1));
        assertThat(received.get(0), containsString("\"sku\":\"MUG-BLUE-330\""));
        // The return's milestones are its own: the original shipment stays delivered.
        assertThat(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status"), is("DELIVERED"));
    }

    @Test
    void aReturnRequestedInThePortalIsAuthorizedOnce() {
        Map<String, Object> delivered = deliveredShipment();
        ReturnRequested request = new ReturnRequested(UUID.randomUUID().toString(), "RR-TEST", (String) delivered.get("order_id"),
                "C-1001", List.of((String) delivered.get("id")),
                List.of(new ReturnRequested.Line("MUG-BLUE-330", Quantity.each(1))), "WRONG_ITEM", null, Instant.now());

        events.publish(PortalEvents.RETURN_REQUESTED, request.returnRequestId(), request);
        events.publish(PortalEvents.RETURN_REQUESTED, request.returnRequestId(), request);

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM return_authorization WHERE source_reference = ? AND status = 'AUTHORIZED'",
                "portal:" + request.returnRequestId()) == 1);
        assertThat(Db.count("SELECT COUNT(*) FROM return_authorization WHERE shipment_id = ?", delivered.get("id")), is(1L));
    }

    @Test
    void aReturnNeedsAnOperator() {
        given().auth().oauth2(Tokens.client(AUDIENCE, "warehouse-app", "shipments.read"))
                .contentType("application/json")
                .body("{\"lines\":[{\"sku\":\"MUG\",\"quantity\":{\"value\":1,\"unit\":\"EACH\"}}]}")
                .when().post("/shipments/shp-anything/returns").then().statusCode(403);
        given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "shipments.operate"))
                .contentType("application/json")
                .body("{\"lines\":[{\"sku\":\"MUG\",\"quantity\":{\"value\":1,\"unit\":\"EACH\"}}]}")
                .when().post("/shipments/shp-" + UUID.randomUUID() + "/returns").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private Map<String, Object> deliveredShipment() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        Shipping.awaitBookingOutcome(order);
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET, Shipping.sandboxEvent(
                (String) shipment.get("tracking_number"), "DELIVERED",
                Instant.now().minus(1, ChronoUnit.HOURS))).statusCode(202);
        Shipping.awaitWebhooksProcessed();
        return Shipping.shipmentOf(order);
    }

    private static Map<String, Object> awaitReturn(String returnId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM return_authorization WHERE id = ? AND status = ?", returnId, status) == 1);
        return Db.one("SELECT * FROM return_authorization WHERE id = ?", returnId);
    }
}
