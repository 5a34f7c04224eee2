package io.waybill.shipment.booking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.ShipmentCancellationRequested;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class ShipmentCancellationTest {

    @Inject
    TestEvents events;

    @Test
    void aCancellationRequestedByTheSagaVoidsTheLabelAndCancelsTheShipment() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.BERLIN, ServiceLevel.STANDARD, "parcelly"));
        Shipping.awaitBookingOutcome(order);
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        String shipmentId = (String) shipment.get("id");

        events.publish(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, order,
                new ShipmentCancellationRequested(order, shipmentId, "order cancelled by the customer"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "CANCELLED".equals(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status")));
        List<String> cancelled = Db.published(ShipmentEvents.SHIPMENT_CANCELLED.name(), shipmentId);
        assertThat(cancelled, hasSize(1));
        assertThat(Shipping.dataOf(cancelled.get(0), "reason"), is("order cancelled by the customer"));
    }
}
