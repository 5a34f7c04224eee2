package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
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
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class TrackingWatchdogTest {

    @Inject
    TestEvents events;
    @Inject
    TrackingWatchdog watchdog;

    @Test
    void aShipmentTheCarrierHasBeenSilentAboutIsFlaggedUntilItsNextEvent() throws Throwable {
        Map<String, Object> shipment = TrackedShipments.bookWithSwiftpost(events);
        String shipmentId = (String) shipment.get("id");

        long flagged = VertxContextSupport.subscribeAndAwait(() -> watchdog.check(Duration.ZERO));

        assertThat(flagged, greaterThanOrEqualTo(1L));
        assertThat((String) Db.one("SELECT attention FROM shipment WHERE id = ?", shipmentId).get("attention"),
                startsWith("no carrier event since "));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("waybill_shipments_without_tracking "));

        Shipping.postSigned("swiftpost", Shipping.SWIFTPOST_SECRET,
                Shipping.sandboxEvent((String) shipment.get("tracking_number"), "COLLECTED", Instant.now())).statusCode(202);
        Shipping.awaitWebhooksProcessed();
        assertThat(Db.one("SELECT attention FROM shipment WHERE id = ?", shipmentId).get("attention"), nullValue());
    }

    @Test
    void aShipmentWithoutTrackingNumberIsFlaggedAtOnceAndShownSo() throws Throwable {
        // A label bought without a tracking number (the carrier's answer lacked it): nothing can ever be tracked.
        String shipmentId = "shp-no-tracking-" + UUID.randomUUID();
        Db.rows("INSERT INTO shipment (id, kind, order_id, carrier_id, service_code, status, booked_at) "
                + "VALUES (?, 'OUTBOUND', ?, 'swiftpost', 'SWP-STD', 'PRE_TRANSIT', now())", shipmentId, Shipping.newOrderId());

        // Booked just now, far inside the silence allowed: still flagged, there is nothing to wait for.
        long flagged = VertxContextSupport.subscribeAndAwait(() -> watchdog.check(Duration.ofHours(48)));

        assertThat(flagged, greaterThanOrEqualTo(1L));
        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId).then().statusCode(200)
                .body("trackingNumber", nullValue())
                .body("attention", equalTo("no tracking number"));
    }
}
