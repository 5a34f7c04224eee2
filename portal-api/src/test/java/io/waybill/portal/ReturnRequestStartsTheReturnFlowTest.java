package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** A return request is recorded and published through the outbox; what cannot go back is refused with reasons. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class ReturnRequestStartsTheReturnFlowTest {

    @Inject
    EventFeed feed;

    @Inject
    Pool pool;

    @Test
    void aReturnOfADeliveredOrderIsPublishedForShipmentService() {
        CustomerFixture customer = CustomerFixture.of("RET", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());

        var created = given().auth().oauth2(token).contentType("application/json")
                .header("X-Correlation-Id", "corr-" + customer.customerId())
                .body("""
                        {"lines":[{"sku":"MUG-BLUE-330","quantity":{"value":2,"unit":"EACH"}}],
                         "reason":"DAMAGED","comment":"Two mugs arrived cracked."}""")
                .post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(201)
                .body("orderNumber", equalTo(customer.orderNumber()))
                .body("status.code", equalTo("REQUESTED"))
                .body("lines[0].sku", equalTo("MUG-BLUE-330"))
                .extract();
        String returnNumber = created.path("returnNumber");
        assertThat(created.header("Location"), endsWith("/me/returns/" + returnNumber));
        given().auth().oauth2(token).get("/me/returns/{r}", returnNumber).then().statusCode(200)
                .body("reason", equalTo("DAMAGED"));

        // The relay hands it to the broker: published_at is set once the broker accepted it.
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("""
                        SELECT count(*) FROM outbox_message WHERE event_type = 'waybill.portal.return-requested.v1'
                        AND stream = 'waybill.portal' AND published_at IS NOT NULL AND envelope LIKE '%' || $1 || '%'""")
                .execute(Tuple.of(returnNumber)).await().indefinitely().iterator().next().getLong(0) == 1L);
        String envelope = pool.preparedQuery("SELECT envelope FROM outbox_message WHERE envelope LIKE '%' || $1 || '%'")
                .execute(Tuple.of(returnNumber)).await().indefinitely().iterator().next().getString(0);
        JsonPath event = JsonPath.from(envelope);
        assertThat(event.getString("type"), equalTo("waybill.portal.return-requested.v1"));
        assertThat(event.getString("customerid"), equalTo(customer.customerId()));
        assertThat(event.getString("correlationid"), equalTo("corr-" + customer.customerId()));
        assertThat(event.getString("data.orderId"), equalTo(customer.orderId()));
        assertThat(event.getList("data.shipmentIds"), hasItem(customer.shipmentId()));
        assertThat(event.getString("data.reason"), equalTo("DAMAGED"));
        assertThat(event.getInt("data.lines[0].quantity.value"), equalTo(2));

        // shipment-service authorizes, then receives the return, in the flow the portal's event started.
        String flow = event.getString("correlationid");
        feed.publishAndAwait(Events.returnProgress("waybill.shipment.return-authorized.v1", customer.shipmentId(),
                customer.orderId(), customer.customerId(), "1ZRETURN" + returnNumber.substring(3), flow, Instant.now()));
        given().auth().oauth2(token).get("/me/returns/{r}", returnNumber).then().statusCode(200)
                .body("status.code", equalTo("AUTHORIZED"))
                .body("returnTrackingNumber", equalTo("1ZRETURN" + returnNumber.substring(3)));
        feed.publishAndAwait(Events.returnProgress("waybill.shipment.return-received.v1", customer.shipmentId(),
                customer.orderId(), customer.customerId(), null, flow, Instant.now()));
        given().auth().oauth2(token).get("/me/returns/{r}", returnNumber).then().statusCode(200)
                .body("status.code", equalTo("RECEIVED"))
                .body("status.wording", equalTo("We received your return"));

        // 4 mugs were ordered and 2 are on their way back: 3 more cannot be.
        given().auth().oauth2(token).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"MUG-BLUE-330","quantity":{"value":3,"unit":"EACH"}}],"reason":"DAMAGED"}""")
                .post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("lines[0].quantity"))
                .body("errors[0].message", startsWith("at most 2 of MUG-BLUE-330"));
    }

    @Test
    void aReturnShipmentServiceRefusesIsShownRefusedInCustomerWordsAndStaysSo() {
        CustomerFixture customer = CustomerFixture.of("RET-REFUSED", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());
        String flow = "corr-refused-" + customer.customerId();
        String returnNumber = given().auth().oauth2(token).contentType("application/json")
                .header("X-Correlation-Id", flow)
                .body("""
                        {"lines":[{"sku":"PLATE-WHITE","quantity":{"value":1,"unit":"EACH"}}],"reason":"DAMAGED"}""")
                .post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(201).extract().path("returnNumber");

        // shipment-service could not get a return label (or found nothing returnable): return-refused.v1.
        feed.publishAndAwait(Events.returnProgress("waybill.shipment.return-refused.v1", customer.shipmentId(),
                customer.orderId(), customer.customerId(), null, flow, Instant.now()));
        given().auth().oauth2(token).get("/me/returns/{r}", returnNumber).then().statusCode(200)
                .body("status.code", equalTo("REFUSED"))
                .body("status.wording", equalTo(
                        "We could not arrange this return online — our customer service will contact you"));

        // A late, repeated or out-of-order event of the same flow does not reopen or advance it.
        feed.publishAndAwait(Events.returnProgress("waybill.shipment.return-received.v1", customer.shipmentId(),
                customer.orderId(), customer.customerId(), null, flow, Instant.now()));
        given().auth().oauth2(token).get("/me/returns/{r}", returnNumber).then().statusCode(200)
                .body("status.code", equalTo("REFUSED"));
    }

    @Test
    void goodsNotOnTheOrderAndMalformedRequestsAreRefused() {
        CustomerFixture customer = CustomerFixture.of("RET-BAD", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());
        given().auth().oauth2(token).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"TEAPOT","quantity":{"value":1,"unit":"EACH"}}],"reason":"DAMAGED"}""")
                .post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(422).body("errors[0].field", equalTo("lines[0].sku"));
        given().auth().oauth2(token).contentType("application/json")
                .body("""
                        {"lines":[],"reason":"DAMAGED"}""")
                .post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(anyOf(equalTo(400), equalTo(422)))
                .contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"MUG-BLUE-330","quantity":{"value":1,"unit":"EACH"}}],"reason":"BORED"}""")
                .post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(anyOf(equalTo(400), equalTo(422)))
                .contentType("application/problem+json");
    }

    @Test
    void anOrderNotYetDeliveredCannotBeReturned() {
        String customerId = "CUST-EARLY-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        String orderNumber = "SO-" + orderId.substring(0, 8);
        feed.publishAndAwait(Events.orderAccepted(orderId, customerId, orderNumber, Instant.now(), "MUG-BLUE-330", "1"));
        given().auth().oauth2(PortalApi.customerToken(customerId)).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"MUG-BLUE-330","quantity":{"value":1,"unit":"EACH"}}],"reason":"NO_LONGER_NEEDED"}""")
                .post("/me/orders/{n}/returns", orderNumber)
                .then().statusCode(409).body("type", equalTo("https://waybill.io/problems/order-not-delivered"));
    }
}
