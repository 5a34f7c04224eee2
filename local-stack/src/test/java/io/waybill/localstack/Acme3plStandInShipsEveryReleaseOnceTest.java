package io.waybill.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local acme-3pl stand-in against order-service's side of acme's contract: what it receives, and what it
 * posts to the webhook (here a recording endpoint, with a token endpoint in Keycloak's form).
 */
class Acme3plStandInShipsEveryReleaseOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASE = """
            {"releaseReference":"ORD-42","warehouse":"WH-BERLIN","recipient":{"name":"Ada","countryCode":"DE"},
             "lines":[{"lineId":"1","sku":"SKU-STRETCH-FILM","quantity":2,"unit":"EACH"}],
             "carrier":"swiftpost","trackingNumber":"SP123","serviceLevel":"STANDARD"}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseFirst = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private HttpServer orderServiceAndKeycloak;
    private Acme3plStandIn standIn;

    @BeforeEach
    void start() throws IOException {
        orderServiceAndKeycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        orderServiceAndKeycloak.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean acme = form.contains("client_id=acme-3pl") && form.contains("client_secret=local-dev-only-acme-3pl-secret");
            tokenRequests.incrementAndGet();
            answer(exchange, acme ? 200 : 401, acme ? "{\"access_token\":\"acme-token\",\"expires_in\":300}" : "{}");
        });
        orderServiceAndKeycloak.createContext("/fulfilment/acme-3pl/events", exchange -> {
            if (refuseFirst.getAndDecrement() > 0) {
                answer(exchange, 503, "{}");
                return;
            }
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            posted.add(JSON.readTree(exchange.getRequestBody()));
            answer(exchange, 202, "{}");
        });
        orderServiceAndKeycloak.start();
        URI base = URI.create("http://127.0.0.1:" + orderServiceAndKeycloak.getAddress().getPort());
        standIn = Acme3plStandIn.start(0, base, base.resolve("/token"), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        standIn.close();
        orderServiceAndKeycloak.stop(0);
    }

    @Test
    void aReleaseIsAcknowledgedPickedPackedAndShippedWithItsTrackingNumber() throws Exception {
        assertEquals(201, release("key-1").statusCode());

        await().atMost(Duration.ofSeconds(20)).until(() -> posted.size() == 4);
        assertEquals(List.of("ACKNOWLEDGED", "PICKED", "PACKED", "SHIPPED"),
                posted.stream().map(event -> event.path("type").asText()).toList());
        assertTrue(posted.stream().allMatch(event -> "ORD-42".equals(event.path("releaseReference").asText())));
        assertEquals("SP123", posted.get(3).path("trackingNumber").asText());
        assertTrue(authorizations.stream().allMatch("Bearer acme-token"::equals), "posted as acme-3pl");
        assertEquals(1, tokenRequests.get(), "one token for the whole day, not one per event");
    }

    @Test
    void aReleaseSentTwiceUnderOneKeyIsWorkedOnce() throws Exception {
        assertEquals(201, release("key-2").statusCode());
        HttpResponse<String> again = release("key-2");

        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("\"duplicate\":true"));
        await().atMost(Duration.ofSeconds(20)).until(() -> posted.size() >= 4);
        Thread.sleep(300); // a second working of the release would post within a few more steps
        assertEquals(4, posted.size());
    }

    @Test
    void anEventOrderServiceCouldNotTakeIsPostedAgainUnderTheSameId() throws Exception {
        refuseFirst.set(2);
        release("key-3");

        await().atMost(Duration.ofSeconds(30)).until(() -> posted.size() == 4);
        assertEquals(List.of("ACKNOWLEDGED", "PICKED", "PACKED", "SHIPPED"),
                posted.stream().map(event -> event.path("type").asText()).toList(), "nothing overtakes a refused step");
        assertEquals("acme-ORD-42-acknowledged", posted.get(0).path("eventId").asText());
    }

    @Test
    void aReleaseWithoutReferenceIsRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + standIn.port()
                        + "/acme/releases")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[]}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(422, response.statusCode());
    }

    private HttpResponse<String> release(String idempotencyKey) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + standIn.port() + "/acme/releases"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(RELEASE)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
