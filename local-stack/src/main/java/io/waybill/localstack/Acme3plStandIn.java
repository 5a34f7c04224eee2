package io.waybill.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A stand-in for acme-3pl, the REST 3PL that runs WH-BERLIN, so releases to Berlin go somewhere locally: it takes
 * order-service's releases ({@code POST /acme/releases}, one per Idempotency-Key, as acme does) and then, like a
 * warehouse working through its day, posts ACKNOWLEDGED, PICKED, PACKED and SHIPPED to order-service's acme webhook
 * under acme-3pl's own client credentials, retrying while order-service is unreachable.
 * <p>
 * It is a demo partner, not a test double: it always ships everything. Shortages and refusals are exercised by
 * order-service's tests against its contract stub. What it has not confirmed yet is forgotten when the stack stops.
 */
final class Acme3plStandIn implements AutoCloseable {

    static final int PORT = 9091;
    static final String CLIENT_ID = "acme-3pl";
    private static final Logger LOG = Logger.getLogger(Acme3plStandIn.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final List<String> DAY_IN_THE_WAREHOUSE = List.of("ACKNOWLEDGED", "PICKED", "PACKED", "SHIPPED");
    private static final int MAX_DELIVERY_ATTEMPTS = 40;

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService warehouse = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "acme-3pl-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> releasesByKey = new ConcurrentHashMap<>();
    /** Every release reference taken in, in arrival order (duplicates only once), for tests to see what acme got. */
    private final List<String> takenIn = new CopyOnWriteArrayList<>();
    private final URI webhook;
    private final URI tokenUrl;
    private final Duration step;
    /** Used by the warehouse thread only. */
    private String token;
    private Instant tokenRenewAt = Instant.MIN;

    /**
     * @param orderServiceUrl where order-service listens; its acme webhook is {@code /fulfilment/acme-3pl/events}
     * @param tokenUrl        the realm's token endpoint, for acme-3pl's client credentials
     * @param step            the time between one warehouse step and the next
     */
    private Acme3plStandIn(HttpServer server, URI orderServiceUrl, URI tokenUrl, Duration step) {
        this.server = server;
        this.webhook = orderServiceUrl.resolve("/fulfilment/acme-3pl/events");
        this.tokenUrl = tokenUrl;
        this.step = step;
        server.createContext("/acme/releases", this::release);
    }

    static Acme3plStandIn start(int port, URI orderServiceUrl, URI tokenUrl, Duration step) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            Acme3plStandIn standIn = new Acme3plStandIn(server, orderServiceUrl, tokenUrl, step);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("The acme-3pl stand-in cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The release references acme-3pl has taken in so far (a repeated release counts once), oldest first. */
    List<String> releasesTakenIn() {
        return List.copyOf(takenIn);
    }

    private void release(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/acme/releases".equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            JsonNode release;
            try (InputStream body = exchange.getRequestBody()) {
                release = JSON.readTree(body);
            } catch (IOException unreadable) {
                answer(exchange, 400, "{\"error\":\"body is not JSON\"}");
                return;
            }
            String reference = release.path("releaseReference").asText("");
            if (reference.isBlank()) {
                answer(exchange, 422, "{\"error\":\"releaseReference is required\"}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String earlier = releasesByKey.putIfAbsent(key == null ? reference : key, reference);
            if (earlier != null) {
                answer(exchange, 200, "{\"releaseReference\":\"" + earlier + "\",\"duplicate\":true}");
                return;
            }
            takenIn.add(reference);
            LOG.info(() -> "acme-3pl stand-in: release " + reference + " taken in, " + release.path("lines").size() + " line(s)");
            String trackingNumber = release.path("trackingNumber").asText(null);
            warehouse.schedule(() -> report(reference, 0, trackingNumber, 1), step.toMillis(), TimeUnit.MILLISECONDS);
            answer(exchange, 201, "{\"releaseReference\":\"" + reference + "\"}");
        }
    }

    /**
     * Posts the release's {@code stage}-th warehouse event, and once order-service took it, schedules the next: a
     * warehouse ships what it has packed. The event id is stable, so a retry after a lost answer is a duplicate.
     */
    private void report(String reference, int stage, String trackingNumber, int attempt) {
        String type = DAY_IN_THE_WAREHOUSE.get(stage);
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", "acme-" + reference + "-" + type.toLowerCase())
                .put("releaseReference", reference)
                .put("type", type)
                .put("occurredAt", Instant.now().toString());
        if ("SHIPPED".equals(type) && trackingNumber != null) {
            event.put("trackingNumber", trackingNumber);
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook)
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                if (stage + 1 < DAY_IN_THE_WAREHOUSE.size()) {
                    warehouse.schedule(() -> report(reference, stage + 1, trackingNumber, 1), step.toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
                LOG.warning(() -> "acme-3pl stand-in: order-service refused " + type + " of " + reference + ": "
                        + response.statusCode() + " " + response.body());
                return;
            }
            retry(reference, stage, trackingNumber, attempt, "HTTP " + response.statusCode());
        } catch (IOException | RuntimeException e) {
            retry(reference, stage, trackingNumber, attempt, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retry(String reference, int stage, String trackingNumber, int attempt, String why) {
        if (attempt >= MAX_DELIVERY_ATTEMPTS || warehouse.isShutdown()) {
            LOG.warning(() -> "acme-3pl stand-in: gave up posting " + DAY_IN_THE_WAREHOUSE.get(stage) + " of " + reference
                    + ": " + why);
            return;
        }
        long backoff = Math.min(30_000, 500L << Math.min(attempt, 6));
        warehouse.schedule(() -> report(reference, stage, trackingNumber, attempt + 1), backoff, TimeUnit.MILLISECONDS);
    }

    /** acme-3pl's client-credentials token, fetched again shortly before it expires. */
    private String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenRenewAt)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(LocalCredentials.clientSecret(CLIENT_ID), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        token = answer.path("access_token").asText();
        tokenRenewAt = Instant.now().plusSeconds(Math.max(0, answer.path("expires_in").asLong(0) - 30));
        return token;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        warehouse.shutdownNow();
        server.stop(0);
    }
}
