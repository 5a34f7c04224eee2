package io.waybill.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Carriers scan late and out of order; the timeline keeps every step in carrier time, the status never goes back. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class TrackingTimelineTest {

    @Inject
    EventFeed feed;

    @Test
    void aLateScanJoinsTheTimelineWithoutUndoingDelivery() {
        CustomerFixture customer = CustomerFixture.of("LATE", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());

        // One scan as shipment-service sends it (with the parcel's state after it), one without that field.
        feed.publishAndAwait(
                Events.milestone(customer.shipmentId(), customer.orderId(), customer.customerId(), "IN_TRANSIT",
                        customer.placedAt().plusSeconds(5400), "DELIVERED", null),
                Events.milestone(customer.shipmentId(), customer.orderId(), customer.customerId(), "IN_TRANSIT",
                        customer.placedAt().plusSeconds(9000)));

        given().auth().oauth2(token).get("/me/shipments/{t}", customer.trackingNumber()).then().statusCode(200)
                .body("status.code", equalTo("DELIVERED"))
                .body("events", hasSize(5))
                .body("events.status.code", contains("PICKED_UP", "IN_TRANSIT", "DELAYED", "IN_TRANSIT",
                        "OUT_FOR_DELIVERY"));
    }

    @Test
    void aScanWhoseReturnIdIsNullIsOnTheParcelsTimeline() {
        CustomerFixture customer = CustomerFixture.of("NULLRET", true).publishedThrough(feed);
        // As shipment-service serializes a scan of an outbound parcel: returnId present, and null.
        EventEnvelope scan = Events.milestone(customer.shipmentId(), customer.orderId(), customer.customerId(),
                "IN_TRANSIT", customer.placedAt().plusSeconds(5400), "DELIVERED", null);
        ((ObjectNode) scan.data()).putNull("returnId");
        feed.publishAndAwait(scan);

        given().auth().oauth2(PortalApi.customerToken(customer.customerId()))
                .get("/me/shipments/{t}", customer.trackingNumber()).then().statusCode(200)
                .body("events", hasSize(4))
                .body("events.status.code", contains("PICKED_UP", "IN_TRANSIT", "DELAYED", "OUT_FOR_DELIVERY"));
    }

    @Test
    void aReturnParcelsScansAreNotShownAsAnotherParcelOfTheOrder() {
        CustomerFixture customer = CustomerFixture.of("RETSCAN", true).publishedThrough(feed);
        feed.publishAndAwait(Events.milestone("shp-return-" + customer.shipmentId(), customer.orderId(),
                customer.customerId(), "IN_TRANSIT", customer.deliveredAt().plusSeconds(86400), "IN_TRANSIT",
                "ret-1"));
        given().auth().oauth2(PortalApi.customerToken(customer.customerId()))
                .get("/me/orders/{n}", customer.orderNumber()).then().statusCode(200)
                .body("shipments", hasSize(1))
                .body("shipments[0].trackingNumber", equalTo(customer.trackingNumber()))
                .body("shipments[0].status.code", equalTo("DELIVERED"));
    }
}
