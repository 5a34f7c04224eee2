package io.waybill.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.localstack.Suite;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One order's journey through the real processes, through public APIs only: a sales channel submits it,
 * inventory-service reserves the stock in Rotterdam, shipment-service books the sandbox carrier, order-service
 * releases it to the file-exchange 3PL (the release file is there, and the release is recorded before the parcel
 * ships), the carrier's own tracking webhooks carry it to delivery, billing-service invoices it on proof of delivery
 * and order-service closes it as INVOICED, and the customer sees all of it in the portal, and nothing of another
 * customer's. SKU-STRETCH-FILM is also the product the Odoo journey synchronizes from Odoo: a channel still sells it.
 */
class AnOrderTravelsFromIntakeToTheCustomersEyesTest {

    private static final Duration JOURNEY = Duration.ofMinutes(3);

    private final Suite suite = Suite.shared();

    @Test
    void submittedAllocatedBookedDeliveredInvoicedAndSeenByItsCustomerOnly() {
        String reference = "JOURNEY-" + UUID.randomUUID();
        String orderId = given().auth().oauth2(suite.clientToken("webshop")).contentType("application/json")
                .header("Idempotency-Key", reference)
                .body(Orders.submissionToRotterdam(reference, "CUST-ACME", "SKU-STRETCH-FILM", 1))
                .post(suite.url("order-service") + "/orders")
                .then().statusCode(201).extract().path("orderId");

        // The saga runs on events: reserved, booked, released, delivered as the sandbox carrier reports it, invoiced.
        String ops = suite.userToken("waybill-ops", "ops");
        JsonNode saga = await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(2)).until(() -> saga(ops, orderId),
                s -> "INVOICED".equals(s.path("status").asText()) || "ON_HOLD".equals(s.path("status").asText()));
        assertEquals("INVOICED", saga.path("status").asText(), "held: " + saga.path("holdReason").asText());
        ReleaseProof.handedToTheThreePlBeforeShipping(suite, saga, orderId, "northwind-3pl");

        String alice = suite.userToken("waybill-portal", "alice");
        Map<String, Object> seen = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> myOrder(alice, reference), order -> order != null
                        && "DELIVERED".equals(String.valueOf(((Map<?, ?>) order.get("status")).get("code"))));
        String orderNumber = (String) seen.get("orderNumber");

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> given().auth()
                .oauth2(alice).get(suite.url("portal-api") + "/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items").size() > 0);

        String detail = given().auth().oauth2(alice).get(suite.url("portal-api") + "/me/orders/" + orderNumber)
                .then().statusCode(200).extract().asString();
        for (String internal : List.of("quotedCost", "margin", "partnerId", orderId)) {
            assertFalse(detail.contains(internal), internal + " leaked into " + detail);
        }

        // bob, another customer, neither finds it in his list nor by its number.
        String bob = suite.userToken("waybill-portal", "bob");
        assertEquals(null, myOrder(bob, reference));
        given().auth().oauth2(bob).get(suite.url("portal-api") + "/me/orders/" + orderNumber)
                .then().statusCode(404);
    }

    /** The customer's order with this reference of theirs, as the portal lists it, or null. */
    private Map<String, Object> myOrder(String token, String reference) {
        List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/orders").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(o -> reference.equals(o.get("yourReference"))).findFirst().orElse(null);
    }

    private JsonNode saga(String ops, String orderId) {
        return given().auth().oauth2(ops).get(suite.url("order-service") + "/ops/orders/" + orderId + "/saga")
                .then().statusCode(200).extract().as(JsonNode.class);
    }
}
