package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** A customer's order list: status codes in customer terms, inclusive UTC day range, sort keys, stable pages. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class OrderListFiltersSortsAndPagesTest {

    @Inject
    EventFeed feed;

    @Test
    void ordersAreFilteredByCustomerStatusAndDayAndSorted() {
        String customerId = "CUST-LIST-" + UUID.randomUUID();
        String prefix = "SO-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<EventEnvelope> events = new ArrayList<>();
        String[][] orders = {
                {"1", "2026-11-01T10:00:00Z", "ON_HOLD"},
                {"2", "2026-11-02T23:59:59Z", "SHIPPED"},
                {"3", "2026-11-03T00:00:00Z", "PARTIALLY_SHIPPED"},
                {"4", "2026-11-04T08:00:00Z", "DELIVERED"},
                {"5", "2026-11-05T08:00:00Z", "SOMETHING_NEW_INTERNALLY"}};
        for (String[] order : orders) {
            String orderId = UUID.randomUUID().toString();
            Instant placed = Instant.parse(order[1]);
            events.add(Events.orderAccepted(orderId, customerId, prefix + order[0], placed, "MUG-BLUE-330", "1"));
            events.add(Events.orderStatusChanged(orderId, customerId, "ACCEPTED", order[2], placed.plusSeconds(60)));
        }
        feed.publishAndAwait(events.toArray(EventEnvelope[]::new));
        String token = PortalApi.customerToken(customerId);

        given().auth().oauth2(token).get("/me/orders").then().statusCode(200)
                .body("totalItems", equalTo(5))
                .body("items.orderNumber", contains(prefix + "5", prefix + "4", prefix + "3", prefix + "2", prefix + "1"))
                .body("items.find { it.orderNumber == '" + prefix + "5' }.status.code", equalTo("PROCESSING"))
                .body("items.find { it.orderNumber == '" + prefix + "1' }.status.wording", equalTo("Delayed — we are on it"));
        given().auth().oauth2(token).queryParam("status", "shipped").queryParam("sort", "orderNumber")
                .get("/me/orders").then().statusCode(200)
                .body("items.orderNumber", contains(prefix + "2", prefix + "3"));
        given().auth().oauth2(token).queryParam("status", "PROCESSING").get("/me/orders").then().statusCode(200)
                .body("items.orderNumber", contains(prefix + "5"));
        given().auth().oauth2(token).queryParam("placedFrom", "2026-11-02").queryParam("placedTo", "2026-11-03")
                .queryParam("sort", "placedAt").get("/me/orders").then().statusCode(200)
                .body("items.orderNumber", contains(prefix + "2", prefix + "3"));
        given().auth().oauth2(token).queryParam("size", 2).queryParam("page", 1).get("/me/orders").then().statusCode(200)
                .body("items.orderNumber", contains(prefix + "3", prefix + "2"))
                .body("totalPages", equalTo(3))
                .body("page", equalTo(1));
    }

    @Test
    void invalidQueriesNameTheParameterAtFault() {
        String token = PortalApi.customerToken("CUST-Q-" + UUID.randomUUID());
        given().auth().oauth2(token).queryParam("placedFrom", "yesterday").queryParam("size", 1000)
                .queryParam("sort", "cost").get("/me/orders").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("placedFrom", "size", "sort"));
        given().auth().oauth2(token).queryParam("status", "ON_HOLD").get("/me/orders").then().statusCode(422)
                .body("errors[0].field", equalTo("status"));
    }
}
