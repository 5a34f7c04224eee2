package io.waybill.shipment.carrier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One fault-tolerance policy per carrier, so a carrier that is down trips its own breaker and fills its own
 * bulkhead without slowing down bookings with the others. Each call is: retried (exponential backoff with jitter,
 * or the carrier's Retry-After on 429) only for retryable failures; counted by a circuit breaker; limited by a
 * bulkhead; and timed out.
 * <p>
 * An open breaker or a full bulkhead is not retried: the booking moves on to the next-best carrier at once.
 * Breaker states are exported as the gauge {@code waybill.carrier.circuit.state} (0 closed, 1 half-open, 2 open),
 * and each opening is counted in {@code waybill.carrier.circuit.opened}, both labelled with the carrier.
 */
@ApplicationScoped
public class CarrierGuards {

    private static final Logger LOG = Logger.getLogger(CarrierGuards.class);

    private final CarriersConfig config;
    private final MeterRegistry registry;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, Guard> probes = new ConcurrentHashMap<>();

    public CarrierGuards(CarriersConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Every configured carrier's breaker exists (and is on /q/metrics, closed) before its first call. */
    void guardEveryCarrier(@Observes StartupEvent start) {
        config.carriers().keySet().forEach(this::guard);
    }

    public <T> T call(String carrierId, Callable<T> action, TypeLiteral<T> type) {
        return translated(carrierId, () -> guard(carrierId).call(action, type));
    }

    public <T> T call(String carrierId, Callable<T> action, Class<T> type) {
        return translated(carrierId, () -> guard(carrierId).call(action, type));
    }

    /**
     * For settling a purchase whose answer was lost (looking the label up, voiding one nobody wanted): timed out and
     * retried like any call, but past the breaker and the bulkhead. The failures that left the purchase uncertain
     * have often just opened the breaker, and not asking would risk a second label or leave an unwanted one live.
     */
    public <T> T probe(String carrierId, Callable<T> action, Class<T> type) {
        return translated(carrierId, () -> probes.computeIfAbsent(carrierId, this::buildProbe).call(action, type));
    }

    /** The guard's own exceptions, rephrased as carrier failures the booking understands. */
    private static <T> T translated(String carrierId, Callable<T> guarded) {
        try {
            return guarded.call();
        } catch (CarrierException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new CarrierUnavailableException(carrierId, "circuit breaker open", e);
        } catch (BulkheadException e) {
            throw new CarrierUnavailableException(carrierId, "too many concurrent calls (bulkhead full)", e);
        } catch (TimeoutException e) {
            throw new CarrierUnavailableException(carrierId, "timed out", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CarrierUnavailableException(carrierId, e.getMessage(), e);
        }
    }

    public CircuitBreakerState breakerState(String carrierId) {
        guard(carrierId);
        return CircuitBreakerMaintenance.get().currentState(breakerName(carrierId));
    }

    /** Closes every breaker; for tests and for an operator after a carrier incident is over. */
    public void resetBreakers() {
        guards.keySet().forEach(id -> CircuitBreakerMaintenance.get().reset(breakerName(id)));
    }

    private Guard guard(String carrierId) {
        return guards.computeIfAbsent(carrierId, this::build);
    }

    private Guard build(String carrierId) {
        CarriersConfig.Carrier carrier = config.carriers().get(carrierId);
        if (carrier == null) {
            throw new IllegalArgumentException("Unknown carrier " + carrierId);
        }
        CarriersConfig.FaultTolerance ft = carrier.faultTolerance();
        Gauge.builder("waybill.carrier.circuit.state", () -> gaugeValue(carrierId))
                .description("Circuit breaker state per carrier: 0 closed, 1 half-open, 2 open")
                .tag("carrier", carrierId)
                .register(registry);
        Counter opened = Counter.builder("waybill.carrier.circuit.opened")
                .description("Times the carrier's circuit breaker opened")
                .tag("carrier", carrierId)
                .register(registry);
        return Guard.create()
                .withDescription("carrier " + carrierId)
                .withRetry()
                    .maxRetries(ft.maxRetries())
                    // The custom backoff below decides each wait; no extra fixed delay or jitter on top of it.
                    .delay(0, ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(failure -> retryable(failure, ft))
                    .withCustomBackoff().strategy(backoff(ft)).done()
                    .done()
                .withCircuitBreaker()
                    .name(breakerName(carrierId))
                    .requestVolumeThreshold(ft.breakerVolume())
                    .failureRatio(ft.breakerFailureRatio())
                    .delay(ft.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .failOn(List.of(CarrierUnavailableException.class, TimeoutException.class))
                    .skipOn(CarrierRejectedException.class)
                    .onStateChange(state -> {
                        LOG.warnf("Circuit breaker of carrier %s is now %s", carrierId, state);
                        if (state == CircuitBreakerState.OPEN) {
                            opened.increment();
                        }
                    })
                    .done()
                .withBulkhead().limit(ft.bulkhead()).done()
                .withTimeout().duration(ft.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    private Guard buildProbe(String carrierId) {
        CarriersConfig.FaultTolerance ft = config.carriers().get(carrierId).faultTolerance();
        return Guard.create()
                .withDescription("settling purchases with carrier " + carrierId)
                .withRetry()
                    .maxRetries(ft.maxRetries())
                    .delay(0, ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(failure -> retryable(failure, ft))
                    .withCustomBackoff().strategy(backoff(ft)).done()
                    .done()
                .withTimeout().duration(ft.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /**
     * 5xx, I/O failures and timeouts are worth another try; 429 too unless the carrier asks for a longer pause
     * than we are willing to hold a booking for. Validation errors, an open breaker and a full bulkhead are not.
     */
    static boolean retryable(Throwable failure, CarriersConfig.FaultTolerance ft) {
        if (failure instanceof CarrierThrottledException throttled) {
            return throttled.retryAfter().compareTo(ft.maxRetryAfter()) <= 0;
        }
        return failure instanceof CarrierUnavailableException || failure instanceof TimeoutException;
    }

    private static Supplier<CustomBackoffStrategy> backoff(CarriersConfig.FaultTolerance ft) {
        return () -> new RetryBackoff(ft.retryDelay(), ft.maxRetryDelay(), new SplittableRandom());
    }

    private double gaugeValue(String carrierId) {
        return switch (CircuitBreakerMaintenance.get().currentState(breakerName(carrierId))) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private static String breakerName(String carrierId) {
        return "carrier-" + carrierId;
    }

}
