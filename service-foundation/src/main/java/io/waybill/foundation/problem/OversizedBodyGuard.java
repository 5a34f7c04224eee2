package io.waybill.foundation.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Refuses a body whose declared Content-Length exceeds {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json, before any of it reaches a resource.
 * <p>
 * Quarkus' own check (route order -2) answers the same case with an empty 413 and closes the connection at once,
 * so a client still writing its body sees a broken pipe instead of the answer. This guard runs first and, for
 * bodies up to {@link #DRAIN_FACTOR} times the limit, reads and discards what is in flight before answering, so
 * the client reads the problem; beyond that it answers and closes straight away rather than read an attacker's
 * gigabytes. A client that sent {@code Expect: 100-continue} is answered at once and never sends the body.
 * Chunked bodies without a Content-Length are still cut off by Quarkus while they are read.
 */
@ApplicationScoped
public class OversizedBodyGuard {

    /** Runs before Quarkus' own body-size route (order -2). */
    static final int ROUTE_ORDER = -3;
    static final int DRAIN_FACTOR = 8;

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;

    OversizedBodyGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
                       ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(ROUTE_ORDER).handler(context -> check(context, max.asLongValue())));
    }

    private void check(RoutingContext context, long max) {
        HttpServerRequest request = context.request();
        long declared = declaredLength(request);
        if (declared <= max) {
            context.next();
            return;
        }
        byte[] problem = problem(declared, max);
        HttpServerResponse response = context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close");
        boolean clientWaitsForContinue = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        if (clientWaitsForContinue || declared > max * DRAIN_FACTOR || request.isEnded()) {
            answerAndClose(request, response, problem);
            return;
        }
        request.handler(discarded -> { });
        request.exceptionHandler(failure -> request.connection().close());
        request.endHandler(done -> answerAndClose(request, response, problem));
        request.resume();
    }

    private static void answerAndClose(HttpServerRequest request, HttpServerResponse response, byte[] problem) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.endHandler(done -> request.connection().close());
        response.end(io.vertx.core.buffer.Buffer.buffer(problem));
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException malformed) {
            return -1; // Netty refuses a malformed Content-Length before routing; nothing to guard here.
        }
    }

    private byte[] problem(long declared, long max) {
        Problem problem = Problem.of(413, "body-too-large", "The request body is too large",
                "The body declares " + declared + " bytes; this service accepts at most " + max,
                List.of(new Problem.FieldError("body", "must be at most " + max + " bytes")));
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
