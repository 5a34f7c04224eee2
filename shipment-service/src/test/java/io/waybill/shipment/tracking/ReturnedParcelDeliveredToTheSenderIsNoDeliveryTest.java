package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.shipment.tracking.signature.EasyPostSignature;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * EasyPost reports a parcel that went back to the sender as {@code return_to_sender}, and its arrival there as
 * {@code delivered}: that must never read as delivery to the customer.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class ReturnedParcelDeliveredToTheSenderIsNoDeliveryTest {

    @Inject
    TestEvents events;

    @Test
    void aDeliveredAfterReturnToSenderIsTheReturnReachingTheSenderWithoutProofOfDelivery() {
        String order = Shipping.newOrderId();
        Shipping.requestBooking(events, Shipping.bookingRequest(order, Shipping.CHARLESTON, ServiceLevel.STANDARD, "easypost"));
        Shipping.awaitBookingOutcome(order);
        Map<String, Object> shipment = Shipping.shipmentOf(order);
        String shipmentId = (String) shipment.get("id");

        post(trackerEvent((String) shipment.get("tracking_number")));
        Shipping.awaitWebhooksProcessed();

        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId).then().statusCode(200)
                .body("status", equalTo("RETURNED_TO_SENDER"))
                .body("proofOfDelivery", nullValue());
        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/shipments/" + shipmentId + "/tracking").then().statusCode(200)
                .body("milestone", equalTo(List.of("IN_TRANSIT", "EXCEPTION", "RETURNED_TO_SENDER", "RETURNED_TO_SENDER")))
                .body("carrierStatus", equalTo(List.of("in_transit.arrived_at_facility", "in_transit.refused",
                        "return_to_sender.return", "delivered.arrived_at_destination")));
        assertThat(Db.one("SELECT delivered_at, signer FROM shipment WHERE id = ?", shipmentId).get("delivered_at"),
                nullValue());
        assertThat(Db.published(ShipmentEvents.SHIPMENT_DELIVERED.name(), shipmentId), is(empty()));
        List<String> recorded = Db.published(ShipmentEvents.MILESTONE_RECORDED.name(), shipmentId);
        assertThat(Shipping.dataOf(recorded.get(recorded.size() - 1), "milestone"), is("RETURNED_TO_SENDER"));
        assertThat(Shipping.dataOf(recorded.get(recorded.size() - 1), "shipmentStatus"), is("RETURNED_TO_SENDER"));
    }

    /** A tracker.updated Event in EasyPost's documented shape: refused, sent back, delivered back to the sender. */
    private static String trackerEvent(String trackingCode) {
        return """
                {"object":"Event","id":"evt_%s","mode":"test","description":"tracker.updated","status":"pending",
                 "result":{"id":"trk_%s","object":"Tracker","mode":"test","tracking_code":"%s",
                  "status":"delivered","status_detail":"arrived_at_destination","signed_by":"Returns Desk",
                  "carrier":"USPS","tracking_details":[
                   {"object":"TrackingDetail","message":"Arrived at facility","status":"in_transit",
                    "status_detail":"arrived_at_facility","datetime":"2024-02-01T08:00:00Z",
                    "tracking_location":{"object":"TrackingLocation","city":"CHARLESTON","state":"SC","zip":"29407"}},
                   {"object":"TrackingDetail","message":"Refused by addressee","status":"in_transit",
                    "status_detail":"refused","datetime":"2024-02-02T10:00:00Z",
                    "tracking_location":{"object":"TrackingLocation","city":"CHARLESTON","state":"SC","zip":"29401"}},
                   {"object":"TrackingDetail","message":"Return to sender","status":"return_to_sender",
                    "status_detail":"return","datetime":"2024-02-02T12:00:00Z",
                    "tracking_location":{"object":"TrackingLocation","city":"CHARLESTON","state":"SC","zip":"29401"}},
                   {"object":"TrackingDetail","message":"Delivered to sender","status":"delivered",
                    "status_detail":"arrived_at_destination","datetime":"2024-02-05T15:00:00Z",
                    "tracking_location":{"object":"TrackingLocation","city":"HOUSTON","state":"TX","zip":"77063"}}]}}
                """.formatted(UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID().toString()
                .replace("-", ""), trackingCode);
    }

    private static void post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json")
                .header(EasyPostSignature.HEADER, EasyPostSignature.sign("easypost-test-webhook-secret", bytes))
                .body(bytes).when().post("/carriers/easypost/webhooks").then().statusCode(202);
    }
}
