package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;

/**
 * Sweeps every endpoint of the OpenAPI document with customer A's token aimed at customer B's records: each one
 * answers 404 (records) or leaves B out (lists); operator endpoints refuse a customer token. The document is in
 * turn checked against the resource methods the application really declares, so a new endpoint cannot escape the
 * sweep, and a path parameter the sweep does not know fails it.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class CustomerANeverReachesCustomerBTest {

    /** Streams are not request/response: LiveShipmentUpdatesTest proves their isolation. */
    private static final Set<String> STREAMS = Set.of("GET /me/shipments/updates");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Inject
    EventFeed feed;

    @Test
    void everyEndpointHidesCustomerBFromCustomerA() {
        CustomerFixture a = CustomerFixture.of("A", true).publishedThrough(feed);
        CustomerFixture b = CustomerFixture.of("B", true).publishedThrough(feed);
        String bReturn = requestReturn(b);
        Map<String, String> bRecords = Map.of(
                "orderNumber", b.orderNumber(),
                "trackingNumber", b.trackingNumber(),
                "invoiceNumber", b.invoiceNumber(),
                "returnNumber", bReturn);
        List<String> bIdentifiers = List.of(b.customerId(), b.orderNumber(), b.orderId(), b.trackingNumber(),
                b.shipmentId(), b.invoiceNumber(), b.invoiceId(), b.creditNoteNumber(), bReturn);
        String tokenA = PortalApi.customerToken(a.customerId());
        String tokenB = PortalApi.customerToken(b.customerId());
        long returnEventsBefore = returnEventsOf(b);

        Set<String> swept = new TreeSet<>();
        PortalApi.documentedPaths().forEach((path, operations) -> operations.keySet().forEach(verb -> {
            String endpoint = verb.toUpperCase() + " " + path;
            swept.add(endpoint);
            if (STREAMS.contains(endpoint)) {
                return;
            }
            String concrete = substitute(path, bRecords, endpoint);
            if (path.startsWith("/admin")) {
                call(verb, concrete, tokenA).then().statusCode(403);
                return;
            }
            assertThat("customer endpoints live under /me: " + endpoint, path, startsWith("/me/"));
            Response asA = call(verb, concrete, tokenA);
            if (path.contains("{")) {
                assertThat("customer A on B's record: " + endpoint, asA.statusCode(), equalTo(404));
                assertThat(endpoint, asA.contentType(), startsWith("application/problem+json"));
                // Positive control: the same request is B's own and does reach B's record.
                if (verb.equals("get")) {
                    assertThat("B on B's record: " + endpoint, call(verb, concrete, tokenB).statusCode(), equalTo(200));
                }
            } else {
                assertThat("a collection endpoint the sweep does not know how to call: " + endpoint, verb, equalTo("get"));
                assertThat(endpoint, asA.statusCode(), equalTo(200));
                for (String identifier : bIdentifiers) {
                    assertThat("B's " + identifier + " in A's " + endpoint, asA.asString(), not(containsString(identifier)));
                }
            }
        }));

        assertThat("every resource method is in the OpenAPI document the sweep walks", swept,
                hasItems(PortalApi.declaredEndpoints().toArray(String[]::new)));
        assertThat("the sweep covered the customer endpoints", swept, hasItems(
                "GET /me/orders", "GET /me/orders/{orderNumber}", "POST /me/orders/{orderNumber}/returns",
                "GET /me/shipments/{trackingNumber}", "GET /me/shipments/{trackingNumber}/proof-of-delivery",
                "GET /me/invoices", "GET /me/invoices/{invoiceNumber}", "GET /me/returns/{returnNumber}",
                "GET /me/shipments/updates"));
        assertThat("A's return attempt on B's order published nothing", returnEventsOf(b), equalTo(returnEventsBefore));
    }

    @Test
    void aTokenWithoutCustomerIdGetsNothing() {
        String noCustomer = Tokens.forAudience(PortalApi.AUDIENCE).scopes("portal.customer").sign();
        given().auth().oauth2(noCustomer).get("/me/orders").then().statusCode(403)
                .contentType("application/problem+json");
        String wrongAudience = Tokens.customer("order-service", "CUST-X");
        given().auth().oauth2(wrongAudience).get("/me/orders").then().statusCode(401);
        given().get("/me/orders").then().statusCode(401);
        String operator = Tokens.client(PortalApi.AUDIENCE, "ops", "ops.dead-letters");
        given().auth().oauth2(operator).get("/me/orders").then().statusCode(403);
    }

    private static String substitute(String path, Map<String, String> records, String endpoint) {
        Matcher parameter = PARAMETER.matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (parameter.find()) {
            String name = parameter.group(1);
            String value = path.startsWith("/admin") ? UUID.randomUUID().toString() : records.get(name);
            assertThat("the sweep has no record of customer B for {" + name + "} in " + endpoint + ": add one",
                    value, notNullValue());
            parameter.appendReplacement(concrete, Matcher.quoteReplacement(value));
        }
        parameter.appendTail(concrete);
        return concrete.toString();
    }

    private static Response call(String verb, String path, String token) {
        var request = given().auth().oauth2(token).contentType("application/json");
        return switch (verb) {
            case "get" -> request.get(path);
            case "post" -> request.body(returnBody()).post(path);
            default -> throw new AssertionError("The sweep does not know how to call " + verb + " " + path);
        };
    }

    /** A body that would be a valid return of B's order, so only ownership can refuse it. */
    private static String returnBody() {
        return """
                {"lines":[{"sku":"MUG-BLUE-330","quantity":{"value":1,"unit":"EACH"}}],"reason":"DAMAGED"}""";
    }

    private static String requestReturn(CustomerFixture customer) {
        return given().auth().oauth2(PortalApi.customerToken(customer.customerId())).contentType("application/json")
                .body(returnBody()).post("/me/orders/{n}/returns", customer.orderNumber())
                .then().statusCode(201).extract().path("returnNumber");
    }

    private long returnEventsOf(CustomerFixture customer) {
        return feed.count("SELECT count(*) FROM outbox_message WHERE event_type = 'waybill.portal.return-requested.v1' "
                + "AND envelope LIKE '%' || $1 || '%'", customer.customerId());
    }
}
