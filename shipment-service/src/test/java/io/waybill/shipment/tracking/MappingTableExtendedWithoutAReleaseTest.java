package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Operations extend a carrier's mapping table at runtime; the events kept as unmapped then count. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class MappingTableExtendedWithoutAReleaseTest {

    private static final String AUDIENCE = "shipment-service";

    @Inject
    TestEvents events;
    @Inject
    StatusMappingTables tables;
    @ConfigProperty(name = "waybill.tracking.mapping-dir")
    String mappingDir;

    @AfterEach
    void removeTheOperatorsFile() throws IOException {
        Files.deleteIfExists(Path.of(mappingDir, "swiftpost.properties"));
    }

    @Test
    void anUnmappedStatusBecomesAMilestoneOnceOperationsAddItsMappingAndReload() throws IOException {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String shipmentId = (String) shipment.get("id");
        String tracking = (String) shipment.get("tracking_number");
        // A status no table knows, unique to this run, as a carrier introducing a new scan type would send it.
        String newStatus = "SORTED_BY_DRONE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, "COLLECTED", start)).statusCode(202);
        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent(tracking, newStatus, start.plus(20, ChronoUnit.MINUTES))).statusCode(202);
        Shipping.awaitWebhooksProcessed();
        assertThat(Db.one("SELECT status, attention FROM shipment WHERE id = ?", shipmentId),
                equalTo(Map.of("status", "PICKED_UP", "attention", "unmapped carrier status " + newStatus)));
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(1));

        // The operator adds the status to swiftpost's table in the mapping directory and reloads.
        Files.createDirectories(Path.of(mappingDir));
        Files.writeString(Path.of(mappingDir, "swiftpost.properties"), newStatus + "=OUT_FOR_DELIVERY\n");
        given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "shipments.operate"))
                .when().post("/tracking/mappings/reload").then().statusCode(200)
                .body("remapped", greaterThanOrEqualTo(1));

        Map<String, Object> event = Db.one("SELECT milestone, unmapped FROM tracking_event WHERE shipment_id = ? "
                + "AND carrier_status = ?", shipmentId, newStatus);
        assertThat(event, equalTo(Map.of("milestone", "OUT_FOR_DELIVERY", "unmapped", false)));
        Map<String, Object> state = Db.one("SELECT status, status_occurred_at, attention FROM shipment WHERE id = ?",
                shipmentId);
        assertThat(state.get("status"), is("OUT_FOR_DELIVERY"));
        assertThat(state.get("attention"), nullValue());
        List<String> recorded = Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId);
        assertThat(recorded, hasSize(2));
        assertThat(Shipping.dataOf(recorded.get(1), "milestone"), is("OUT_FOR_DELIVERY"));
        assertThat(Shipping.dataOf(recorded.get(1), "carrierStatus"), is(newStatus));
        assertThat(Shipping.dataOf(recorded.get(1), "shipmentStatus"), is("OUT_FOR_DELIVERY"));

        // Reloading again changes nothing: the event is mapped now, nothing is published twice.
        given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "shipments.operate"))
                .when().post("/tracking/mappings/reload").then().statusCode(200);
        assertThat(Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId), hasSize(2));
    }

    @Test
    void aTableWithAnEntryThatIsNotAMilestoneIsRefusedAndNothingIsReloaded() throws IOException {
        String newStatus = "PARKED_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        Files.createDirectories(Path.of(mappingDir));
        Files.writeString(Path.of(mappingDir, "swiftpost.properties"),
                newStatus + "=IN_TRANSIT\nHUB_SCAN=IN_TRANZIT\n");

        given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "shipments.operate"))
                .when().post("/tracking/mappings/reload").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/mapping-table-invalid"))
                .body("errors.message[0]", org.hamcrest.Matchers.containsString("'HUB_SCAN' maps to 'IN_TRANZIT'"));

        // All or nothing: the valid entry beside the typo did not take effect, the built-in entry still holds.
        assertThat(tables.normalize("swiftpost", newStatus, null), is(Optional.empty()));
        assertThat(tables.normalize("swiftpost", "HUB_SCAN", null), is(Optional.of(Milestone.IN_TRANSIT)));
    }

    @Test
    void reloadingNeedsTheOperateScope() {
        given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "shipments.read"))
                .when().post("/tracking/mappings/reload").then().statusCode(403);
    }
}
