package io.waybill.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.waybill.localstack.Suite;
import io.waybill.localstack.TraceCollector.CollectedSpan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an SRE chasing one order sees. The sales channel's call starts a trace (its {@code traceparent} is honoured);
 * order-service's intake, every hop through Artemis (context carried in the AMQP message, kept across the outbox),
 * inventory-service's reservation and shipment-service's booking all join that one trace as a connected tree. The
 * services' JSON log lines about the order carry its trace id, correlation id and order id, and no line carries the
 * customer's name or address.
 */
class OneOrderIsOneTraceAndItsLogsSayWhichTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Suite suite = Suite.shared();

    @Test
    void theIntakeEveryBrokerHopAndEachServicesHandlingAreOneConnectedTrace() {
        String traceId = randomHex(16);
        String channelSpanId = randomHex(8);
        String reference = "TRACE-" + UUID.randomUUID();
        String recipient = "Marieke Verhoeven-" + randomHex(4);
        String street = "Lijnbaan " + RANDOM.nextInt(1, 999);

        String orderId = given().auth().oauth2(suite.clientToken("webshop")).contentType("application/json")
                .header("traceparent", "00-" + traceId + "-" + channelSpanId + "-01")
                .header("Idempotency-Key", reference)
                .body(Orders.submission(reference, "CUST-ACME", "SKU-STRETCH-FILM", 1, recipient, street,
                        "Rotterdam", "3011 AA", "NL"))
                .post(suite.url("order-service") + "/orders")
                .then().statusCode(201).extract().path("orderId");

        // Reserved in inventory-service and booked in shipment-service, each reached through the broker.
        List<CollectedSpan> trace = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> suite.traces().trace(traceId), spans -> servicesOf(spans)
                        .containsAll(Set.of("order-service", "inventory-service", "shipment-service"))
                        && isConnected(spans, channelSpanId));

        Map<String, CollectedSpan> byId = trace.stream()
                .collect(Collectors.toMap(CollectedSpan::spanId, Function.identity(), (a, b) -> a));
        CollectedSpan intake = trace.stream()
                .filter(span -> span.parentSpanId().equals(channelSpanId)).findFirst().orElseThrow();
        assertEquals("order-service", intake.service(), "the channel's call is answered by order-service");
        assertEquals(SpanKind.SPAN_KIND_SERVER, intake.kind());

        // A broker hop: a consumer span in one service whose parent is a producer span in another.
        List<CollectedSpan> hops = trace.stream()
                .filter(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER)
                .filter(span -> byId.containsKey(span.parentSpanId()))
                .filter(span -> byId.get(span.parentSpanId()).kind() == SpanKind.SPAN_KIND_PRODUCER)
                .filter(span -> !byId.get(span.parentSpanId()).service().equals(span.service()))
                .toList();
        Set<String> reachedThroughTheBroker = servicesOf(hops);
        assertTrue(reachedThroughTheBroker.containsAll(Set.of("inventory-service", "shipment-service")),
                "services reached by a producer -> consumer hop: " + reachedThroughTheBroker + "; trace: " + describe(trace));
        assertTrue(hops.stream().allMatch(hop -> "AMQP 1.0".equals(hop.attributes().get("messaging.system"))
                        && hop.attributes().getOrDefault("messaging.destination.name", "").startsWith("waybill.")),
                "hops are AMQP spans on Waybill's streams: " + describe(hops));

        assertTheLogsNameTheOrderButNotItsCustomer(traceId, orderId, recipient, street);
    }

    private void assertTheLogsNameTheOrderButNotItsCustomer(String traceId, String orderId, String recipient,
                                                            String street) {
        List<JsonNode> aboutTheOrder = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> logLines("inventory-service").stream()
                        .filter(line -> orderId.equals(line.path("mdc").path("orderId").asText())).toList(),
                        lines -> !lines.isEmpty());
        JsonNode line = aboutTheOrder.get(0);
        assertEquals(traceId, line.path("mdc").path("traceId").asText(), line.toString());
        assertFalse(line.path("mdc").path("correlationId").asText().isBlank(), line.toString());
        assertFalse(line.path("mdc").path("eventType").asText().isBlank(), line.toString());

        for (String service : Suite.SERVICES) {
            String log = rawLog(service);
            assertFalse(log.contains(recipient), service + " logged the recipient's name");
            assertFalse(log.contains(street), service + " logged the delivery street");
        }
    }

    private List<JsonNode> logLines(String service) {
        return rawLog(service).lines().filter(text -> text.startsWith("{")).map(text -> {
            try {
                return JSON.readTree(text);
            } catch (IOException notJson) {
                return JSON.createObjectNode();
            }
        }).toList();
    }

    private String rawLog(String service) {
        try {
            return Files.readString(suite.logFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every span's parent is in the trace, except the one the channel's own (unexported) span parents. */
    private static boolean isConnected(List<CollectedSpan> spans, String channelSpanId) {
        Set<String> ids = spans.stream().map(CollectedSpan::spanId).collect(Collectors.toSet());
        return !spans.isEmpty() && spans.stream()
                .allMatch(span -> span.parentSpanId().equals(channelSpanId) || ids.contains(span.parentSpanId()));
    }

    private static Set<String> servicesOf(List<CollectedSpan> spans) {
        return spans.stream().map(CollectedSpan::service).collect(Collectors.toSet());
    }

    private static String describe(List<CollectedSpan> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.kind() + ":" + s.name() + "(" + s.spanId() + "<-"
                + s.parentSpanId() + ")" + s.attributes()).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
