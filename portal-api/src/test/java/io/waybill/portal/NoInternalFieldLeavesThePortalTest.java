package io.waybill.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventJson;
import io.waybill.portal.support.CustomerFixture;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.LiveStream;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The events behind a customer's records carry costs, margins, carrier invoices, partner and carrier identities,
 * raw carrier codes, internal notes and internal ids. Every GET of the OpenAPI document, called for the customer's
 * own records, must answer without any of them — by field name and by value; and so must the 201 of a return
 * request, the problem+json error bodies and the live updates stream.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class NoInternalFieldLeavesThePortalTest {

    /** Field names that must never appear in a response (compared case-insensitively, anywhere in the tree). */
    private static final Set<String> DENIED_FIELDS = Set.of(
            "cost", "quotedcost", "margin", "carrierinvoice", "carrierinvoiceid", "carrierid", "carrier",
            "carrierstatus", "servicecode", "partnerid", "partner", "internalnote", "description_internal",
            "orderid", "shipmentid", "invoiceid", "creditnoteid", "lineid", "customerid", "warehouseid",
            "internalstatus");

    @Inject
    EventFeed feed;

    @TestHTTPResource("/me/shipments/updates")
    URI updates;

    @Test
    void noResponseCarriesAnInternalFieldOrValue() throws Exception {
        // Without an order number from order-service, the portal derives one: the internal order id must not leak.
        CustomerFixture customer = CustomerFixture.of("LEAK", false).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());
        String orderNumber = given().auth().oauth2(token).get("/me/orders").then().statusCode(200)
                .extract().path("items[0].orderNumber");
        LiveStream live = LiveStream.open(updates, token);
        String created = given().auth().oauth2(token).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"PLATE-WHITE","quantity":{"value":1,"unit":"EACH"}}],"reason":"WRONG_ITEM"}""")
                .post("/me/orders/{n}/returns", orderNumber).then().statusCode(201).extract().asString();
        String returnNumber = JsonPath.from(created).getString("returnNumber");
        Map<String, String> records = Map.of("orderNumber", orderNumber, "trackingNumber", customer.trackingNumber(),
                "invoiceNumber", customer.invoiceNumber(), "returnNumber", returnNumber);
        List<String> deniedValues = List.of(customer.orderId(), customer.shipmentId(), customer.invoiceId(),
                customer.creditNoteId(), customer.customerId(), "13.37", "4.20", "carrier-internal", "partner-internal",
                "XC-77-RAW", "EXPRESS_INTERNAL_RATE", "internal note", "internal:", "line-internal", "EXCEPTION",
                "ON_HOLD", "carrier-invoice-internal");

        List<String> bodies = new ArrayList<>();
        PortalApi.documentedPaths().forEach((path, operations) -> {
            if (!path.startsWith("/me") || !operations.containsKey("get") || path.equals("/me/shipments/updates")) {
                return;
            }
            String concrete = path;
            for (Map.Entry<String, String> record : records.entrySet()) {
                concrete = concrete.replace("{" + record.getKey() + "}", record.getValue());
            }
            assertThat("no value for a path parameter of " + path, concrete, not(containsString("{")));
            bodies.add(given().auth().oauth2(token).get(concrete).then().statusCode(200).extract().asString());
        });
        assertThat("every customer GET was called", bodies.size(), equalTo(7));
        bodies.add(created);

        // Errors: problem+json bodies name what the customer sent and nothing of what lies behind it.
        bodies.add(problem(given().auth().oauth2(token).get("/me/orders/SO-NO-SUCH-ORDER"), 404));
        bodies.add(problem(given().auth().oauth2(token).get("/me/shipments/{t}/proof-of-delivery", "1ZNOSUCHPARCEL"), 404));
        bodies.add(problem(given().auth().oauth2(token).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"TEAPOT","quantity":{"value":1,"unit":"EACH"}},
                                  {"sku":"MUG-BLUE-330","quantity":{"value":99,"unit":"EACH"}}],"reason":"DAMAGED"}""")
                .post("/me/orders/{n}/returns", orderNumber), 422));
        bodies.add(problem(given().auth().oauth2(token).contentType("application/json").body("{\"lines\": [")
                .post("/me/orders/{n}/returns", orderNumber), 400));

        // Live updates: a scan whose event carries the raw carrier code, an internal note and every internal id.
        await().atMost(Duration.ofSeconds(30)).until(() -> live.status() == 200);
        feed.publishAndAwait(Events.milestone(customer.shipmentId(), customer.orderId(), customer.customerId(),
                "EXCEPTION", Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        String update = live.next(Duration.ofSeconds(30));
        assertThat("the live update arrived", update, notNullValue());
        bodies.add(update.substring(update.indexOf(' ') + 1));

        for (String body : bodies) {
            for (String value : deniedValues) {
                assertThat("internal value " + value + " in " + body, body, not(containsString(value)));
            }
            List<String> names = new ArrayList<>();
            collectFieldNames(EventJson.mapper().readTree(body), names);
            for (String name : names) {
                assertThat("internal field " + name + " in " + body, DENIED_FIELDS,
                        not(hasItem(name.toLowerCase(Locale.ROOT))));
            }
        }
    }

    private static String problem(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json");
        return response.asString();
    }

    @Test
    void anExceptionIsToldInCustomerWords() {
        CustomerFixture customer = CustomerFixture.of("WORDS", true).publishedThrough(feed);
        given().auth().oauth2(PortalApi.customerToken(customer.customerId()))
                .get("/me/shipments/{t}", customer.trackingNumber()).then().statusCode(200)
                .body("events.status.code", hasItem("DELAYED"))
                .body("events.status.wording", hasItem("Delayed — we are on it"))
                .body("status.code", equalTo("DELIVERED"));
    }

    private static void collectFieldNames(JsonNode node, List<String> names) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                collectFieldNames(field.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectFieldNames(child, names));
        }
    }
}
