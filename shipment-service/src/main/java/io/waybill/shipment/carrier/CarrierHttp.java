package io.waybill.shipment.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The HTTP edge shared by carrier adapters: JSON in and out, and the one mapping of HTTP outcomes to
 * {@link CarrierException}s, so every adapter classifies failures the same way (5xx and I/O: unavailable;
 * 429: throttled with its Retry-After; other 4xx: rejected).
 */
public final class CarrierHttp {

    private final String carrierId;
    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration requestTimeout;

    public CarrierHttp(String carrierId, ObjectMapper json, Duration requestTimeout) {
        this.carrierId = carrierId;
        this.json = json;
        // The guard's timeout interrupts the calling thread; the request timeout is the backstop that makes sure a
        // hung connection is also given up at the socket.
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(URI uri, Map<String, String> headers) {
        return readJson(send(request(uri, headers).GET().build()));
    }

    public JsonNode post(URI uri, Object body, Map<String, String> headers) {
        return readJson(send(request(uri, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body))).build()));
    }

    public JsonNode delete(URI uri, Map<String, String> headers) {
        return readJson(send(request(uri, headers).DELETE().build()));
    }

    /** Downloads a document (a label) as bytes. */
    public byte[] download(URI uri, Map<String, String> headers) {
        return send(request(uri, headers).GET().build()).body();
    }

    private HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json");
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CarrierUnavailableException(carrierId, "no answer within " + requestTimeout.toMillis() + " ms", e);
        } catch (InterruptedException | InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CarrierUnavailableException(carrierId, "call interrupted (timed out)", e);
        } catch (IOException e) {
            throw new CarrierUnavailableException(carrierId, "I/O failure: " + e.getMessage(), e);
        }
        int status = response.statusCode();
        if (status == 429) {
            throw new CarrierThrottledException(carrierId,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            throw new CarrierUnavailableException(carrierId, "HTTP " + status + " " + excerpt(response.body()));
        }
        if (status >= 400) {
            throw new CarrierRejectedException(carrierId, "HTTP " + status + " " + excerpt(response.body()));
        }
        return response;
    }

    /** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3); absent or garbled means one second. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ofSeconds(1);
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException garbled) {
                return Duration.ofSeconds(1);
            }
        }
    }

    private JsonNode readJson(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new CarrierUnavailableException(carrierId, "unreadable response: " + e.getMessage(), e);
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot serialize carrier request", e);
        }
    }

    private static String excerpt(byte[] body) {
        if (body == null) {
            return "";
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
