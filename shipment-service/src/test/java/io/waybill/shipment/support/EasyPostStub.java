package io.waybill.shipment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for api.easypost.com on loopback, answering with the shapes of EasyPost's documented v2 objects
 * ({@code src/test/resources/easypost/*.json}: Shipment with Rates, PostageLabel, Tracker, Event, error). It keeps
 * shipments in memory, checks HTTP Basic authentication with the API key, refuses an invalid ZIP with EasyPost's
 * error format, and can lose the answer of a purchase it carried out (the case that tempts clients to re-buy), answer
 * 429 with EasyPost's rate-limit error, and settle refunds the way EasyPost does ({@code submitted}, later
 * {@code refunded} or {@code rejected}).
 */
public final class EasyPostStub {

    public static final String API_KEY = "EZTK_test_key";
    private static EasyPostStub instance;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, ObjectNode> shipments = new ConcurrentHashMap<>();
    public final AtomicInteger purchases = new AtomicInteger();
    public final AtomicInteger buyRequests = new AtomicInteger();
    /** The next N purchases are carried out, then answered 500 as if the connection had dropped. */
    public final AtomicInteger loseNextPurchaseResponses = new AtomicInteger();
    /** After a purchase answer is lost, the next N requests are answered 500 too (EasyPost having an outage). */
    public final AtomicInteger failAfterLostPurchase = new AtomicInteger();
    /** The next N requests are answered 429 with EasyPost's rate-limit error. */
    public final AtomicInteger throttleNext = new AtomicInteger();
    /** Retry-After sent with a 429, in seconds; negative sends none (EasyPost does not promise one). */
    public volatile int retryAfterSeconds = -1;
    /** Added before a shipment is created (rated): a slow EasyPost. */
    public volatile long createLatencyMs;
    /** When each API request arrived (System.nanoTime), in order. */
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger(100000);

    private EasyPostStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v2/shipments", this::shipments);
        server.createContext("/files/", this::file);
        server.start();
    }

    public static synchronized EasyPostStub start() {
        if (instance == null) {
            try {
                instance = new EasyPostStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public static EasyPostStub get() {
        return start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public ObjectNode shipment(String id) {
        return shipments.get(id);
    }

    private void shipments(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                error(exchange, 401, "APIKEY.REQUIRED", "No API key found in the request.");
                return;
            }
            arrivals.add(System.nanoTime());
            if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (retryAfterSeconds >= 0) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                }
                error(exchange, 429, "RATE_LIMITED", "You have exceeded the rate limit. Please retry later.");
                return;
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 500, "INTERNAL_SERVER_ERROR", "We're sorry, something went wrong.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String[] parts = path.split("/");
            // /v2/shipments | /v2/shipments/{id} | /v2/shipments/{id}/buy | /v2/shipments/{id}/refund
            if (parts.length == 3 && method.equals("POST")) {
                create(exchange);
            } else if (parts.length == 4 && method.equals("GET")) {
                ObjectNode shipment = shipments.get(parts[3]);
                if (shipment == null) {
                    error(exchange, 404, "NOT_FOUND", "The requested resource could not be found.");
                } else {
                    send(exchange, 200, shipment);
                }
            } else if (parts.length == 5 && parts[4].equals("buy") && method.equals("POST")) {
                buy(exchange, parts[3]);
            } else if (parts.length == 5 && parts[4].equals("refund") && method.equals("POST")) {
                // EasyPost's usual first answer: the refund is submitted, the carrier decides later.
                ObjectNode shipment = shipments.get(parts[3]);
                if (!shipment.path("refund_status").isTextual()) {
                    shipment.put("refund_status", "submitted");
                }
                send(exchange, 200, shipment);
            } else {
                error(exchange, 404, "NOT_FOUND", "The requested resource could not be found.");
            }
        }
    }

    /** The carrier decided a submitted refund: {@code refunded} or {@code rejected}. */
    public void settleRefund(String shipmentId, String refundStatus) {
        shipments.get(shipmentId).put("refund_status", refundStatus);
    }

    /** Shipments created with this reference (a new one for every rating). */
    public long shipmentsWithReference(String reference) {
        return shipments.values().stream().filter(s -> reference.equals(s.path("reference").asText(null))).count();
    }

    /** Shipments with this reference that have a label. */
    public long labelsWithReference(String reference) {
        return shipments.values().stream().filter(s -> reference.equals(s.path("reference").asText(null))
                && s.path("postage_label").isObject()).count();
    }

    private void create(HttpExchange exchange) throws IOException {
        if (createLatencyMs > 0) {
            try {
                Thread.sleep(createLatencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JsonNode body = json.readTree(exchange.getRequestBody()).path("shipment");
        JsonNode to = body.path("to_address");
        if (!to.path("street1").isTextual() || !body.path("parcel").path("weight").isNumber()) {
            error(exchange, 422, "PARAMETER.REQUIRED", "Missing required parameter.");
            return;
        }
        if ("00000".equals(to.path("zip").asText())) {
            error(exchange, 422, "ADDRESS.VERIFY.FAILURE", "Unable to verify address.");
            return;
        }
        String id = "shp_" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode shipment = (ObjectNode) template("shipment.json");
        shipment.put("id", id);
        shipment.put("reference", body.path("reference").asText(null));
        shipment.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        shipment.set("to_address", to);
        shipment.set("from_address", body.path("from_address"));
        shipment.set("parcel", body.path("parcel"));
        shipment.set("options", body.path("options"));
        for (JsonNode rate : (ArrayNode) shipment.path("rates")) {
            ((ObjectNode) rate).put("id", "rate_" + UUID.randomUUID().toString().replace("-", ""));
            ((ObjectNode) rate).put("shipment_id", id);
        }
        shipments.put(id, shipment);
        send(exchange, 201, shipment);
    }

    private void buy(HttpExchange exchange, String id) throws IOException {
        buyRequests.incrementAndGet();
        ObjectNode shipment = shipments.get(id);
        if (shipment == null) {
            error(exchange, 404, "NOT_FOUND", "The requested resource could not be found.");
            return;
        }
        if (shipment.path("postage_label").isObject()) {
            error(exchange, 422, "SHIPMENT.POSTAGE.EXISTS", "Postage already exists for this shipment.");
            return;
        }
        String rateId = json.readTree(exchange.getRequestBody()).path("rate").path("id").asText();
        JsonNode rate = null;
        for (JsonNode candidate : shipment.path("rates")) {
            if (candidate.path("id").asText().equals(rateId)) {
                rate = candidate;
            }
        }
        if (rate == null) {
            error(exchange, 422, "SHIPMENT.RATE.INVALID", "The rate could not be found.");
            return;
        }
        String trackingCode = "9400100" + sequence.incrementAndGet() + "000000000";
        ObjectNode label = (ObjectNode) template("postage_label.json");
        String format = shipment.path("options").path("label_format").asText("PNG");
        String file = "http://127.0.0.1:" + port() + "/files/postage_label/" + id + "." + format.toLowerCase();
        label.put("label_url", file);
        if ("PDF".equals(format)) {
            label.put("label_pdf_url", file);
            label.put("label_file_type", "application/pdf");
        } else if ("ZPL".equals(format)) {
            label.put("label_zpl_url", file);
            label.put("label_file_type", "application/zpl");
        }
        ObjectNode tracker = (ObjectNode) template("tracker.json");
        tracker.put("id", "trk_" + UUID.randomUUID().toString().replace("-", ""));
        tracker.put("tracking_code", trackingCode);
        tracker.put("shipment_id", id);
        tracker.put("carrier", rate.path("carrier").asText());
        shipment.put("tracking_code", trackingCode);
        shipment.set("selected_rate", rate);
        shipment.set("postage_label", label);
        shipment.set("tracker", tracker);
        shipment.put("status", "unknown");
        purchases.incrementAndGet();
        if (loseNextPurchaseResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failNext.set(failAfterLostPurchase.getAndSet(0));
            error(exchange, 500, "INTERNAL_SERVER_ERROR", "We're sorry, something went wrong.");
            return;
        }
        send(exchange, 200, shipment);
    }

    private void file(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.endsWith(".zpl") ? "^XA^FO50,50^BCN,100^FDEASYPOST^FS^XZ".getBytes(StandardCharsets.UTF_8)
                    : ("%PDF-1.4\n% easypost stub label " + path + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".pdf") ? "application/pdf" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private JsonNode template(String name) throws IOException {
        try (InputStream in = EasyPostStub.class.getResourceAsStream("/easypost/" + name)) {
            return json.readTree(in);
        }
    }

    /** EasyPost's error envelope: {"error": {"code", "message", "errors": []}}. */
    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.putArray("errors");
        send(exchange, status, body);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
