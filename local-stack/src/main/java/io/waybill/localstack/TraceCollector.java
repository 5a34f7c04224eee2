package io.waybill.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector on loopback: it accepts OTLP over HTTP with protobuf bodies
 * ({@code POST /v1/traces}, what Quarkus sends with {@code quarkus.otel.exporter.otlp.traces.protocol=http/protobuf})
 * and keeps every span in memory, so a system test can follow one order's trace across processes and the broker.
 * It is a test instrument: a real deployment exports to its own collector (see the Helm chart's values).
 */
public final class TraceCollector implements AutoCloseable {

    /** One finished span as a service exported it; ids are lower-case hex, the root's parent is empty. */
    public record CollectedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                                Span.SpanKind kind, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<CollectedSpan> spans = new ConcurrentLinkedQueue<>();

    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    public static TraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TraceCollector collector = new TraceCollector(server);
            server.createContext("/v1/traces", collector::receive);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the trace collector", e);
        }
    }

    /** The base URL to configure as the services' OTLP endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far that belongs to the trace. */
    public List<CollectedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    public List<CollectedSpan> all() {
        return List.copyOf(spans);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            request.getResourceSpansList().forEach(this::keep);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private void keep(ResourceSpans resourceSpans) {
        String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "unknown");
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
            for (Span span : scope.getSpansList()) {
                spans.add(new CollectedSpan(service, hex(span.getTraceId().toByteArray()),
                        hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                        span.getName(), span.getKind(), attributes(span.getAttributesList())));
            }
        }
    }

    private static Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey,
                kv -> kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : kv.getValue().toString().strip(),
                (first, second) -> first));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
