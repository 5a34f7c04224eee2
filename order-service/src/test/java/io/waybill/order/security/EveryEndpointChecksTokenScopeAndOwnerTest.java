package io.waybill.order.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.waybill.order.support.Acme3plStub;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every endpoint refuses a request without a token (401) and a token without its scope (403), and a partner or
 * customer never reaches another's order (404: its existence is not disclosed).
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class EveryEndpointChecksTokenScopeAndOwnerTest {

    private record Endpoint(String name, String wrongScope, Function<RequestSpecification, io.restassured.response.Response> call) {
    }

    private static final Map<String, Object> ANY_BODY = Map.of("reason", "x");

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST /orders", "orders.read", r -> r.contentType(ContentType.JSON).body(Map.of()).post("/orders")),
            new Endpoint("GET /orders/{id}", "orders.operate", r -> r.get("/orders/any")),
            new Endpoint("POST /orders/{id}/cancellation", "orders.read",
                    r -> r.contentType(ContentType.JSON).body(ANY_BODY).post("/orders/any/cancellation")),
            new Endpoint("PUT /customers/{id}", "orders.write",
                    r -> r.contentType(ContentType.JSON).body(Map.of("name", "x")).put("/customers/C-1")),
            new Endpoint("PUT /products/{sku}", "orders.write",
                    r -> r.contentType(ContentType.JSON).body(Map.of("name", "x")).put("/products/SKU-1")),
            new Endpoint("GET /ops/orders", "orders.read", r -> r.get("/ops/orders?status=ON_HOLD")),
            new Endpoint("GET /ops/orders/{id}/saga", "orders.read", r -> r.get("/ops/orders/any/saga")),
            new Endpoint("POST /ops/orders/{id}/retry", "orders.write", r -> r.post("/ops/orders/any/retry")),
            new Endpoint("POST /ops/orders/{id}/cancel", "orders.write",
                    r -> r.contentType(ContentType.JSON).body(ANY_BODY).post("/ops/orders/any/cancel")),
            new Endpoint("POST /fulfilment/acme-3pl/events", "orders.write",
                    r -> r.contentType(ContentType.JSON).body(Map.of()).post("/fulfilment/acme-3pl/events")));

    @Test
    void everyEndpointRefusesARequestWithoutToken() {
        for (Endpoint endpoint : ENDPOINTS) {
            endpoint.call().apply(given()).then().statusCode(401);
        }
    }

    @Test
    void everyEndpointRefusesATokenWithoutItsScope() {
        for (Endpoint endpoint : ENDPOINTS) {
            String token = Tokens.client(AUDIENCE, "someone", endpoint.wrongScope());
            endpoint.call().apply(given().auth().oauth2(token)).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aTokenForAnotherServiceIsRefused() {
        given().auth().oauth2(Tokens.client("inventory-service", "webshop", "orders.read"))
                .get("/orders/any").then().statusCode(401);
    }

    @Test
    void aPartnerSeesAndCancelsOnlyItsOwnOrders() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        String partnerA = Tokens.partner(AUDIENCE, "marketplace-a", "orders.write", "orders.read");
        String partnerB = Tokens.partner(AUDIENCE, "marketplace-b", "orders.write", "orders.read");
        String orderId = given().auth().oauth2(partnerA).contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(201)
                .body("sourceSystem", equalTo("marketplace-a")).extract().path("orderId");

        given().auth().oauth2(partnerA).get("/orders/{id}", orderId).then().statusCode(200);
        given().auth().oauth2(partnerB).get("/orders/{id}", orderId).then().statusCode(404);
        given().auth().oauth2(partnerB).contentType(ContentType.JSON).body(Map.of("reason", "not mine"))
                .post("/orders/{id}/cancellation", orderId).then().statusCode(404);
    }

    @Test
    void aCustomerSeesOnlyItsOwnOrders() {
        String customer = customer();
        String orderId = submit(order(customer, "DE", "STANDARD", product("GENERAL")));
        given().auth().oauth2(Tokens.customer(AUDIENCE, customer)).get("/orders/{id}", orderId).then().statusCode(200);
        given().auth().oauth2(Tokens.customer(AUDIENCE, "someone-else")).get("/orders/{id}", orderId).then().statusCode(404);
    }

    @Test
    void onlyAcmeMayPostAcmeEvents() {
        given().auth().oauth2(Tokens.partner(AUDIENCE, "northwind-3pl", "fulfilment.write"))
                .contentType(ContentType.JSON)
                .body(Map.of("eventId", "e-1", "releaseReference", "any", "type", "ACKNOWLEDGED"))
                .post("/fulfilment/acme-3pl/events").then().statusCode(403);
    }
}
