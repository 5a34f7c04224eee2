package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * An order split across warehouses ships one shipment per warehouse; inventory consumes only the part of the
 * warehouse a shipment left from, so every milestone and the delivery must say which warehouse that is.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class MilestonesAndDeliveryNameTheWarehouseTheShipmentLeftFromTest {

    @Inject
    TestEvents events;

    @Test
    void everyMilestoneAndTheDeliveryCarryTheShipmentsWarehouse() {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String tracking = (String) shipment.get("tracking_number");
        String shipmentId = (String) shipment.get("id");
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "COLLECTED", start)).statusCode(202);
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "DELIVERED", start.plus(5, ChronoUnit.HOURS))).statusCode(202);
        Shipping.awaitWebhooksProcessed();

        assertThat(shipment.get("warehouse_id"), is("WH-BER"));
        List<String> recorded = Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId);
        assertThat(recorded, hasSize(2));
        recorded.forEach(e -> assertThat(Shipping.dataOf(e, "warehouseId"), is("WH-BER")));
        List<String> delivered = Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), shipmentId);
        assertThat(delivered, hasSize(1));
        assertThat(Shipping.dataOf(delivered.get(0), "warehouseId"), is("WH-BER"));
    }
}
