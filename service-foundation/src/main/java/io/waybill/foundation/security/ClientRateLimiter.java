package io.waybill.foundation.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemMappers;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per client for {@link RateLimited} endpoints; in memory, so the limit is per replica. */
@Provider
@RateLimited
@Priority(Priorities.AUTHORIZATION + 10)
public class ClientRateLimiter implements ContainerRequestFilter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "waybill.rate-limit.requests-per-second", defaultValue = "50")
    double ratePerSecond;

    @ConfigProperty(name = "waybill.rate-limit.burst", defaultValue = "100")
    int burst;

    @Override
    public void filter(ContainerRequestContext request) {
        String client = identity == null || identity.isAnonymous()
                ? "anonymous:" + request.getHeaderString("X-Forwarded-For")
                : identity.getPrincipal().getName();
        long waitMillis = buckets.computeIfAbsent(client, c -> new Bucket(burst)).take(ratePerSecond, burst);
        if (waitMillis > 0) {
            long retryAfter = Math.max(1, (waitMillis + 999) / 1000);
            Response response = ProblemMappers.respond(Problem.of(429, "rate-limited", "Too many requests",
                    "This client exceeded " + ratePerSecond + " requests per second; retry after " + retryAfter + " s",
                    List.of()));
            request.abortWith(Response.fromResponse(response).header("Retry-After", retryAfter).build());
        }
    }

    static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        /** Takes one token; returns 0 when granted, else how long until the next token. */
        synchronized long take(double ratePerSecond, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / ratePerSecond * 1000);
        }
    }
}
