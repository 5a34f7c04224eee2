package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * At-least-once delivery means events arrive twice; a replay of the log rebuilds the same read model. Neither
 * changes a single byte of what the customer sees (same ETag, same body).
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class RepeatedEventsChangeNothingTest {

    @Inject
    EventFeed feed;

    @Test
    void everyEventDeliveredTwiceLeavesTheCustomersViewUnchanged() {
        CustomerFixture customer = CustomerFixture.of("TWICE", true).publishedThrough(feed);
        Map<String, String> before = snapshot(customer);

        // Every event again, same ids, then a marker per stream: once the markers are applied, so are the copies.
        List<EventEnvelope> again = new ArrayList<>(customer.events());
        feed.publish(again.toArray(EventEnvelope[]::new));
        CustomerFixture marker = CustomerFixture.of("MARK", true);
        feed.publishAndAwait(marker.events().toArray(EventEnvelope[]::new));

        assertThat(snapshot(customer), equalTo(before));
        given().auth().oauth2(PortalApi.customerToken(customer.customerId()))
                .get("/me/shipments/{t}", customer.trackingNumber()).then().body("events", hasSize(3));
        assertThat(feed.count("SELECT count(*) FROM portal_event_log WHERE customer_id = $1", customer.customerId()),
                equalTo((long) customer.events().size()));
    }

    @Test
    void rebuildingFromTheEventLogYieldsTheSameViews() {
        CustomerFixture customer = CustomerFixture.of("REBUILD", true).publishedThrough(feed);
        Map<String, String> before = snapshot(customer);

        // Damage the read model behind the API, so that a rebuild that replays nothing cannot pass.
        assertThat(feed.execute("UPDATE portal_order SET internal_status = 'CANCELLED' WHERE order_id = $1",
                customer.orderId()), equalTo(1));
        assertThat(feed.execute("DELETE FROM portal_shipment_milestone WHERE shipment_id = $1",
                customer.shipmentId()), greaterThanOrEqualTo(1));
        assertThat(feed.execute("DELETE FROM portal_invoice WHERE customer_id = $1", customer.customerId()),
                equalTo(2));
        Map<String, String> damaged = snapshot(customer);
        for (String path : List.of("/me/orders/" + customer.orderNumber(), "/me/shipments/" + customer.trackingNumber(),
                "/me/invoices", "/me/invoices/" + customer.invoiceNumber())) {
            assertThat(path + " shows the damage", damaged.get(path), not(equalTo(before.get(path))));
        }

        given().auth().oauth2(PortalApi.customerToken(customer.customerId()))
                .post("/admin/read-model/rebuild").then().statusCode(403);
        given().auth().oauth2(Tokens.client(PortalApi.AUDIENCE, "ops", "ops.dead-letters"))
                .post("/admin/read-model/rebuild").then().statusCode(200)
                .body("eventsReplayed", greaterThanOrEqualTo(customer.events().size()));

        assertThat(snapshot(customer), equalTo(before));
    }

    /** Status, ETag and body of every customer GET of this customer. */
    private static Map<String, String> snapshot(CustomerFixture customer) {
        String token = PortalApi.customerToken(customer.customerId());
        Map<String, String> views = new LinkedHashMap<>();
        for (String path : new String[]{"/me/orders", "/me/orders/" + customer.orderNumber(),
                "/me/shipments/" + customer.trackingNumber(),
                "/me/shipments/" + customer.trackingNumber() + "/proof-of-delivery",
                "/me/invoices", "/me/invoices/" + customer.invoiceNumber()}) {
            var response = given().auth().oauth2(token).get(path).then().extract();
            views.put(path, response.statusCode() + " " + response.header("ETag") + " " + response.asString());
        }
        return views;
    }
}
