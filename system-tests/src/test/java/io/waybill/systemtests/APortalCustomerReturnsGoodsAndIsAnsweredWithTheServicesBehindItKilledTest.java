package io.waybill.systemtests;

import io.restassured.response.Response;
import io.waybill.localstack.Suite;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer's side of the suite, with real processes. An order travels to delivered and invoiced; the customer
 * asks for a return in the portal, shipment-service authorizes it and buys the return label, and the portal shows
 * the return AUTHORIZED with its tracking number. Then order-service, shipment-service and billing-service are
 * killed (SIGKILL, as crashed pods), and every customer GET of the portal still answers with the last known state
 * and the same freshness ({@code asOf}) as before. The three services are started again afterwards.
 */
class APortalCustomerReturnsGoodsAndIsAnsweredWithTheServicesBehindItKilledTest {

    private static final Duration JOURNEY = Duration.ofMinutes(3);
    private static final List<String> BEHIND_THE_PORTAL = List.of("order-service", "shipment-service", "billing-service");

    private final Suite suite = Suite.shared();

    @Test
    void aReturnIsAuthorizedEndToEndAndThePortalAnswersEveryGetWithItsLastKnownStateWhileTheServicesAreDead()
            throws Exception {
        String reference = "PORTAL-" + UUID.randomUUID();
        String orderId = given().auth().oauth2(suite.clientToken("webshop")).contentType("application/json")
                .header("Idempotency-Key", reference)
                .body(Orders.submissionToRotterdam(reference, "CUST-ACME", "SKU-SHIPPING-BOX-M", 2))
                .post(suite.url("order-service") + "/orders")
                .then().statusCode(201).extract().path("orderId");
        // Delivered in order-service; invoiced is billing-service's, seen below as the order's invoice in the portal.
        await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(2)).until(() -> List.of("DELIVERED", "INVOICED")
                .contains(given().auth().oauth2(suite.clientToken("webshop"))
                        .get(suite.url("order-service") + "/orders/" + orderId)
                        .then().statusCode(200).extract().<String>path("status")));

        String alice = suite.userToken("waybill-portal", "alice");
        String portal = suite.url("portal-api");
        String orderNumber = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> orderNumberOf(alice, reference), number -> number != null);
        Map<String, Object> order = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> given().auth().oauth2(alice).get(portal + "/me/orders/" + orderNumber).then()
                        .statusCode(200).extract().jsonPath().getMap(""), o -> "DELIVERED".equals(
                        ((Map<?, ?>) o.get("status")).get("code")) && !((List<?>) o.get("shipments")).isEmpty());
        String trackingNumber = (String) ((Map<?, ?>) ((List<?>) order.get("shipments")).get(0)).get("trackingNumber");
        String invoiceNumber = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> invoiceOf(alice, orderNumber), number -> number != null);

        // The return flow across services: portal -> shipment-service (authorize, buy the label) -> portal.
        Map<?, ?> line = (Map<?, ?>) ((List<?>) order.get("lines")).get(0);
        Map<?, ?> quantity = (Map<?, ?>) line.get("quantity");
        String returnNumber = given().auth().oauth2(alice).contentType("application/json")
                .body("""
                        {"lines":[{"sku":"%s","quantity":{"value":1,"unit":"%s"}}],"reason":"DAMAGED",
                         "comment":"One box arrived crushed."}""".formatted(line.get("sku"), quantity.get("unit")))
                .post(portal + "/me/orders/" + orderNumber + "/returns")
                .then().statusCode(201).extract().path("returnNumber");
        Map<String, Object> authorized = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> given().auth().oauth2(alice).get(portal + "/me/returns/" + returnNumber).then()
                        .statusCode(200).extract().jsonPath().getMap(""),
                        r -> "AUTHORIZED".equals(((Map<?, ?>) r.get("status")).get("code")));
        assertNotNull(authorized.get("returnTrackingNumber"), "the return label's tracking number: " + authorized);
        assertFalse(authorized.get("returnTrackingNumber").equals(trackingNumber), "a label of its own");

        // This order's records must answer exactly as before; the lists also hold the customer's other orders.
        List<String> gets = List.of("/me/orders/" + orderNumber, "/me/shipments/" + trackingNumber,
                "/me/shipments/" + trackingNumber + "/proof-of-delivery", "/me/invoices/" + invoiceNumber,
                "/me/returns/" + returnNumber);
        Map<String, String> before = new LinkedHashMap<>();
        for (String path : gets) {
            before.put(path, get(alice, path).asString());
        }

        try {
            for (String service : BEHIND_THE_PORTAL) {
                suite.kill(service);
                assertTrue(suite.process(service).isEmpty(), service + " still runs");
            }
            given().get(portal + "/q/health/ready").then().statusCode(200);
            for (String path : gets) {
                Response now = get(alice, path);
                assertEquals(before.get(path), now.asString(), path + " with the services behind the portal dead");
                assertNotNull(now.jsonPath().getString("asOf"), path + " says how fresh it is");
            }
            assertEquals(orderNumber, orderNumberOf(alice, reference), "/me/orders lists it");
            assertEquals(invoiceNumber, invoiceOf(alice, orderNumber), "/me/invoices lists it");
            assertEquals("DELIVERED", get(alice, "/me/orders/" + orderNumber).path("status.code"));
            assertEquals("AUTHORIZED", get(alice, "/me/returns/" + returnNumber).path("status.code"));
            assertTrue(get(alice, "/me/shipments/" + trackingNumber + "/proof-of-delivery").path("deliveredAt") != null);
            assertLiveUpdatesStreamOpens(alice, portal);
        } finally {
            for (String service : BEHIND_THE_PORTAL) {
                suite.restart(service, Map.of());
            }
        }
    }

    private Response get(String token, String path) {
        Response response = given().auth().oauth2(token).get(suite.url("portal-api") + path);
        assertEquals(200, response.statusCode(), path + ": " + response.asString());
        return response;
    }

    /** The one customer GET that never ends: it must open (200, an event stream) and send its first heartbeat. */
    private static void assertLiveUpdatesStreamOpens(String token, String portal) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(portal
                            + "/me/shipments/updates")).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = stream.body()) {
                assertEquals(200, stream.statusCode());
                assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            }
        }
    }

    private String orderNumberOf(String token, String reference) {
        List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/orders").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(o -> reference.equals(o.get("yourReference")))
                .map(o -> (String) o.get("orderNumber")).findFirst().orElse(null);
    }

    private String invoiceOf(String token, String orderNumber) {
        List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", 100)
                .get(suite.url("portal-api") + "/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(i -> orderNumber.equals(i.get("orderNumber")) && "INVOICE".equals(i.get("kind")))
                .map(i -> (String) i.get("number")).findFirst().orElse(null);
    }
}
