package io.waybill.order.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Database;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class DuplicateSubmissionsYieldOneOrderTest {

    @Test
    void sameIdempotencyKeyTwiceReturnsTheFirstAnswerAndOneOrder() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        String key = unique("key");
        Response first = submitWithKey(body, key);
        Response again = submitWithKey(body, key);

        assertEquals(201, first.statusCode());
        assertEquals(201, again.statusCode());
        assertEquals(first.body().asString(), again.body().asString(), "the same body, byte for byte");
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1, ordersWithReference(body));
        assertEquals(1, Database.count("SELECT count(*) FROM outbox_message WHERE subject = ? AND event_type = ?",
                first.path("orderId"), "waybill.order.accepted.v1"), "accepted once");
    }

    @Test
    void sameSourceReferenceWithoutAKeyReturnsTheOriginalOrder() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        String first = submit(body);
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("orderId", equalTo(first));
        assertEquals(1, ordersWithReference(body));
    }

    @Test
    void concurrentRetriesOfOneSubmissionStillMakeOneOrder() throws Exception {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(webshop())
                        .contentType(ContentType.JSON).body(body).post("/orders"), pool));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                Response response = call.get();
                assertEquals(201, response.statusCode(), response.body().asString());
                ids.add(response.path("orderId"));
            }
            assertEquals(1, ids.stream().distinct().count(), "every caller got the same order: " + ids);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, ordersWithReference(body));
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentOrderIsRefused() {
        String customer = customer();
        String sku = product("GENERAL");
        String key = unique("key");
        submitWithKey(order(customer, "DE", "STANDARD", sku), key).then().statusCode(201);
        submitWithKey(order(customer, "DE", "EXPRESS", sku), key).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/idempotency-key-reused"))
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void anAcceptedOrderIsValidatedAllocatingAndAuditedFromReceipt() {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        given().auth().oauth2(webshop()).get("/orders/{id}", orderId).then().statusCode(200)
                .body("status", equalTo("ALLOCATING"));
        assertEquals(3, Database.count("SELECT count(*) FROM order_status_history WHERE order_id = ?", orderId),
                "RECEIVED, VALIDATED, ALLOCATING");
    }

    @Test
    void theAuditHistoryCannotBeRewritten() throws Exception {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        try (var connection = Database.connect(); var statement = connection.createStatement()) {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () ->
                    statement.executeUpdate("UPDATE order_status_history SET reason = 'edited' WHERE order_id = '" + orderId + "'"));
            org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    private static Response submitWithKey(Map<String, Object> body, String key) {
        return given().auth().oauth2(webshop()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders");
    }

    private static long ordersWithReference(Map<String, Object> body) {
        return Database.count("SELECT count(*) FROM customer_order WHERE source_reference = ?", body.get("sourceReference"));
    }
}
