package io.waybill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a customer sees of the portal while the suite is under load: alice (CUST-ACME) and bob (CUST-GLOBEX) take
 * turns reading their newest orders, their delivered orders, one delivered order (the newest one while none is
 * delivered yet), its parcel's tracking and their invoices, at a fixed pace, one request at a time (the probe samples
 * latency, it does not add load worth mentioning).
 */
final class PortalProbe implements Runnable {

    static final List<String> ENDPOINTS = List.of("GET /me/orders", "GET /me/orders?status=DELIVERED",
            "GET /me/orders/{number}", "GET /me/shipments/{tracking}", "GET /me/invoices");

    /** Latencies and failures of one endpoint. */
    static final class Endpoint {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong failures = new AtomicLong();
        final Map<Integer, Long> failureStatuses = new ConcurrentHashMap<>();
    }

    private record Customer(String name, Supplier<String> token, String[] newestOrder, String[] deliveredOrder,
                            String[] tracking) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String portalUrl;
    private final List<Customer> customers;
    private final double requestsPerSecond;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private volatile boolean stopped;

    PortalProbe(HttpClient http, String portalUrl, Supplier<String> alice, Supplier<String> bob, double requestsPerSecond) {
        this.http = http;
        this.portalUrl = portalUrl;
        this.customers = List.of(new Customer("alice", alice, new String[1], new String[1], new String[1]),
                new Customer("bob", bob, new String[1], new String[1], new String[1]));
        this.requestsPerSecond = requestsPerSecond;
        ENDPOINTS.forEach(e -> endpoints.put(e, new Endpoint()));
    }

    @Override
    public void run() {
        if (requestsPerSecond <= 0) {
            return;
        }
        long interval = (long) (1e9 / requestsPerSecond);
        long next = System.nanoTime();
        for (long i = 0; !stopped; i++) {
            Customer customer = customers.get((int) (i / ENDPOINTS.size() % customers.size()));
            String endpoint = ENDPOINTS.get((int) (i % ENDPOINTS.size()));
            request(customer, endpoint);
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    void stop() {
        stopped = true;
    }

    Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    private void request(Customer customer, String endpoint) {
        String order = customer.deliveredOrder[0] != null ? customer.deliveredOrder[0] : customer.newestOrder[0];
        String path = switch (endpoint) {
            case "GET /me/orders" -> "/me/orders?size=20";
            case "GET /me/orders?status=DELIVERED" -> "/me/orders?status=DELIVERED&size=20";
            case "GET /me/orders/{number}" -> order == null ? null : "/me/orders/" + encode(order);
            case "GET /me/shipments/{tracking}" -> customer.tracking[0] == null ? null
                    : "/me/shipments/" + encode(customer.tracking[0]);
            default -> "/me/invoices";
        };
        if (path == null) {
            return; // Nothing to look at yet: the customer has no order (or no parcel) in the portal so far.
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(portalUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + customer.token.get()).header("Accept", "application/json")
                .GET().build();
        Endpoint stats = endpoints.get(endpoint);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                stats.failures.incrementAndGet();
                stats.failureStatuses.merge(response.statusCode(), 1L, Long::sum);
                return;
            }
            stats.latencies.add(latency);
            remember(customer, endpoint, response.body());
        } catch (IOException e) {
            stats.failures.incrementAndGet();
            stats.failureStatuses.merge(0, 1L, Long::sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Keeps an order number and a tracking number the customer can look at next. */
    private static void remember(Customer customer, String endpoint, String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (endpoint.startsWith("GET /me/orders?")) {
                JsonNode first = json.path("items").path(0);
                if (first.hasNonNull("orderNumber")) {
                    customer.deliveredOrder[0] = first.get("orderNumber").asText();
                }
            } else if (endpoint.equals("GET /me/orders")) {
                JsonNode first = json.path("items").path(0);
                if (first.hasNonNull("orderNumber")) {
                    customer.newestOrder[0] = first.get("orderNumber").asText();
                }
            } else if (endpoint.equals("GET /me/orders/{number}")) {
                for (JsonNode shipment : json.path("shipments")) {
                    if (shipment.hasNonNull("trackingNumber")) {
                        customer.tracking[0] = shipment.get("trackingNumber").asText();
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // The latency counts; what the body holds only steers the next request.
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
