package io.waybill.shipment.returns;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.waybill.events.portal.PortalEvents;
import io.waybill.events.portal.ReturnRequested;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Quantity;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A return asked for in the portal goes back against the order's parcel that was delivered, whatever order the
 * portal listed the parcels in; and a return that cannot be authorized says so with {@code return-refused}, in the
 * flow the portal started, instead of leaving the customer waiting for a label.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class APortalReturnFindsItsParcelOrIsRefusedTest {

    @Inject
    TestEvents events;

    @Test
    void aReturnOfATwoParcelOrderGoesBackAgainstTheDeliveredParcelNotTheFirstListed() {
        String order = Shipping.newOrderId();
        // Two parcels of one order (two booking requests); only the second is delivered.
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM shipment WHERE order_id = ? AND kind = 'OUTBOUND'", order) == 2);
        List<Map<String, Object>> parcels = Db.rows(
                "SELECT * FROM shipment WHERE order_id = ? AND kind = 'OUTBOUND' ORDER BY booked_at, id", order);
        String inTransit = (String) parcels.get(0).get("id");
        String delivered = (String) parcels.get(1).get("id");
        deliver((String) parcels.get(1).get("tracking_number"));

        ReturnRequested request = request(order, List.of(inTransit, delivered));
        events.publish(PortalEvents.RETURN_REQUESTED, request.returnRequestId(), request);

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM return_authorization WHERE source_reference = ?",
                "portal:" + request.returnRequestId()) == 1);
        assertThat(Db.one("SELECT shipment_id FROM return_authorization WHERE source_reference = ?",
                "portal:" + request.returnRequestId()).get("shipment_id"), is(delivered));
    }

    @Test
    void aReturnWithNoDeliveredParcelIsRefusedInThePortalsFlow() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        Shipping.awaitBookingOutcome(order);
        String notDelivered = (String) Shipping.shipmentOf(order).get("id");

        ReturnRequested request = request(order, List.of(notDelivered));
        String flow = events.publish(PortalEvents.RETURN_REQUESTED, request.returnRequestId(), request).correlationid();

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.published(ShipmentEvents.RETURN_REFUSED.name(), order).size() == 1);
        String refused = Db.published(ShipmentEvents.RETURN_REFUSED.name(), order).get(0);
        assertThat(Shipping.dataOf(refused, "refusal"), is("NOT_RETURNABLE"));
        assertThat(Shipping.dataOf(refused, "orderId"), is(order));
        assertThat(Shipping.dataOf(refused, "customerId"), is("C-1001"));
        assertThat(JsonPath.from(refused).getString("correlationid"),
                is(flow));
        assertThat(Db.count("SELECT COUNT(*) FROM return_authorization WHERE source_reference = ?",
                "portal:" + request.returnRequestId()), is(0L));
    }

    @Test
    void aReturnWhoseLabelCannotBeBoughtIsRefusedInThePortalsFlow() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "swiftpost"));
        Shipping.awaitBookingOutcome(order);
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        deliver((String) shipment.get("tracking_number"));
        // The carrier that carried it has since been removed from the configuration: no return label from it.
        Db.rows("UPDATE shipment SET carrier_id = 'retired-carrier' WHERE id = ? RETURNING id", shipment.get("id"));

        ReturnRequested request = request(order, List.of((String) shipment.get("id")));
        String flow = events.publish(PortalEvents.RETURN_REQUESTED, request.returnRequestId(), request).correlationid();

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM return_authorization WHERE source_reference = ? AND status = 'FAILED'",
                "portal:" + request.returnRequestId()) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.published(ShipmentEvents.RETURN_REFUSED.name(), (String) shipment.get("id")).size() == 1);
        List<String> refused = Db.published(ShipmentEvents.RETURN_REFUSED.name(), (String) shipment.get("id"));
        assertThat(refused, hasSize(1));
        assertThat(Shipping.dataOf(refused.get(0), "refusal"), is("NO_RETURN_LABEL"));
        assertThat(JsonPath.from(refused.get(0)).getString("correlationid"),
                is(flow));
        assertThat(Db.published(ShipmentEvents.RETURN_AUTHORIZED.name(), (String) shipment.get("id")), hasSize(0));
    }

    private ReturnRequested request(String order, List<String> shipmentIds) {
        return new ReturnRequested(UUID.randomUUID().toString(), "RR-TEST", order, "C-1001", shipmentIds,
                List.of(new ReturnRequested.Line("MUG-BLUE-330", Quantity.each(1))), "DAMAGED", null, Instant.now());
    }

    private static void deliver(String trackingNumber) {
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET, Shipping.sandboxEvent(trackingNumber, "DELIVERED",
                Instant.now().minus(1, ChronoUnit.HOURS))).statusCode(202);
        Shipping.awaitWebhooksProcessed();
    }
}
