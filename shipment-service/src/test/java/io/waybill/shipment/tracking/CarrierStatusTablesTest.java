package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.carrier.sandbox.SandboxStatus;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class CarrierStatusTablesTest {

    /**
     * EasyPost's documented Tracker statuses (API v2 reference, Tracker object, "status"): every one of them must
     * have a canonical milestone.
     */
    static final List<String> EASYPOST_DOCUMENTED_STATUSES = List.of("unknown", "pre_transit", "in_transit",
            "out_for_delivery", "delivered", "available_for_pickup", "return_to_sender", "failure", "cancelled", "error");

    /**
     * EasyPost's documented Tracker/TrackingDetail {@code status_detail} values (EasyPost's API reference and client
     * libraries), each with the status it typically comes with and the milestone the pair must yield.
     */
    static final Map<String, Map.Entry<String, Milestone>> EASYPOST_DOCUMENTED_STATUS_DETAILS = Map.ofEntries(
            Map.entry("address_correction", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("arrived_at_destination", Map.entry("delivered", Milestone.DELIVERED)),
            Map.entry("arrived_at_facility", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("arrived_at_pickup_location", Map.entry("in_transit", Milestone.AVAILABLE_FOR_PICKUP)),
            Map.entry("awaiting_information", Map.entry("pre_transit", Milestone.EXCEPTION)),
            Map.entry("cancelled", Map.entry("pre_transit", Milestone.CANCELLED)),
            Map.entry("damaged", Map.entry("in_transit", Milestone.EXCEPTION)),
            Map.entry("delayed", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("delivery_exception", Map.entry("out_for_delivery", Milestone.DELIVERY_ATTEMPTED)),
            Map.entry("departed_facility", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("departed_origin_facility", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("expired", Map.entry("unknown", Milestone.EXCEPTION)),
            Map.entry("failure", Map.entry("failure", Milestone.EXCEPTION)),
            Map.entry("held", Map.entry("in_transit", Milestone.EXCEPTION)),
            Map.entry("in_transit", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("label_created", Map.entry("pre_transit", Milestone.PRE_TRANSIT)),
            Map.entry("lost", Map.entry("in_transit", Milestone.EXCEPTION)),
            Map.entry("missorted", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("out_for_delivery", Map.entry("out_for_delivery", Milestone.OUT_FOR_DELIVERY)),
            Map.entry("received_at_destination_facility", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("received_at_origin_facility", Map.entry("in_transit", Milestone.PICKED_UP)),
            Map.entry("refused", Map.entry("in_transit", Milestone.EXCEPTION)),
            Map.entry("return", Map.entry("return_to_sender", Milestone.RETURNED_TO_SENDER)),
            Map.entry("status_update", Map.entry("pre_transit", Milestone.PRE_TRANSIT)),
            Map.entry("transferred_to_destination_carrier", Map.entry("in_transit", Milestone.IN_TRANSIT)),
            Map.entry("transit_exception", Map.entry("in_transit", Milestone.EXCEPTION)),
            Map.entry("unknown", Map.entry("unknown", Milestone.PRE_TRANSIT)),
            Map.entry("weather_delay", Map.entry("in_transit", Milestone.IN_TRANSIT)));

    @Inject
    StatusMappingTables tables;
    @Inject
    TestEvents events;

    @Test
    void everyDocumentedEasyPostStatusMapsToAMilestone() {
        for (String status : EASYPOST_DOCUMENTED_STATUSES) {
            assertTrue(tables.normalize("easypost", status, null).isPresent(), "EasyPost status " + status + " is unmapped");
        }
        assertEquals(Optional.of(Milestone.RETURNED_TO_SENDER), tables.normalize("easypost", "return_to_sender", null));
        assertEquals(Optional.of(Milestone.PICKED_UP),
                tables.normalize("easypost", "in_transit", "received_at_origin_facility"));
        assertEquals(Optional.of(Milestone.IN_TRANSIT), tables.normalize("easypost", "in_transit", "arrived_at_facility"));
    }

    @Test
    void everyDocumentedEasyPostStatusDetailIsInTheTableAndYieldsItsMilestone() {
        assertThat(EASYPOST_DOCUMENTED_STATUS_DETAILS.size(), is(28));
        EASYPOST_DOCUMENTED_STATUS_DETAILS.forEach((detail, expected) -> {
            assertTrue(tables.knows("easypost", "*." + detail), "EasyPost status_detail " + detail + " is not in the table");
            assertEquals(Optional.of(expected.getValue()), tables.normalize("easypost", expected.getKey(), detail),
                    expected.getKey() + "/" + detail);
        });
    }

    @Test
    void aStatusDetailNeverWeakensATerminalEasyPostStatus() {
        for (String detail : EASYPOST_DOCUMENTED_STATUS_DETAILS.keySet()) {
            for (String status : EASYPOST_DOCUMENTED_STATUSES) {
                Milestone byStatus = tables.normalize("easypost", status, null).orElseThrow();
                Optional<Milestone> refined = tables.normalize("easypost", status, detail);
                assertTrue(refined.isPresent(), status + "/" + detail + " is unmapped");
                if (byStatus.isTerminal()) {
                    assertEquals(byStatus, refined.get(), status + "/" + detail);
                }
            }
        }
    }

    @Test
    void everySandboxStatusMapsToAMilestoneForEverySandboxCarrier() {
        for (String carrier : List.of("swiftpost", "parcelly")) {
            for (SandboxStatus status : SandboxStatus.values()) {
                assertTrue(tables.normalize(carrier, status.name(), null).isPresent(),
                        carrier + " status " + status + " is unmapped");
            }
        }
    }

    @Test
    void everyCanonicalMilestoneIsReachableFromTheSandbox() {
        List<Milestone> unreachable = java.util.Arrays.stream(Milestone.values())
                .filter(m -> !tables.table("swiftpost").containsValue(m)).toList();
        assertThat(unreachable, is(empty()));
    }

    @Test
    void anUnknownCarrierStatusIsKeptAndFlaggedNotDropped() {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String tracking = (String) shipment.get("tracking_number");

        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "TELEPORTED", Instant.now())).statusCode(202);
        Shipping.awaitWebhooksProcessed();

        String shipmentId = (String) shipment.get("id");
        Map<String, Object> event = Db.one("SELECT milestone, carrier_status, unmapped FROM tracking_event WHERE shipment_id = ?",
                shipmentId);
        assertThat(event.get("unmapped"), is(true));
        assertThat(event.get("carrier_status"), is("TELEPORTED"));
        assertThat(Db.one("SELECT status, attention FROM shipment WHERE id = ?", shipmentId).get("attention"),
                is("unmapped carrier status TELEPORTED"));
        assertThat(Db.one("SELECT status FROM shipment WHERE id = ?", shipmentId).get("status"), is("PRE_TRANSIT"));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), is(empty()));
    }
}
