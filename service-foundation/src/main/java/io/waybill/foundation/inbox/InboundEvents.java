package io.waybill.foundation.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.foundation.deadletter.DeadLetterStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The one way a Waybill service consumes events. For each message:
 * <ol>
 *     <li>reads the CloudEvents envelope (a message that is not one goes straight to the dead-letter store);</li>
 *     <li>in one transaction, records the message id in the inbox and applies the handler, so a redelivered message
 *     finds its id already there and has no second effect;</li>
 *     <li>retries a failed attempt after the delays of its {@link RetrySchedule} (exponential, capped, with
 *     jitter), a bounded number of times;</li>
 *     <li>then stores the message in the dead-letter store for an operator, and acknowledges it.</li>
 * </ol>
 * Only if even the dead-letter store cannot be written is the message nacked, so the broker redelivers it later.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    private static final List<String> COUNTERS = List.of("waybill.inbox.processed", "waybill.inbox.retries",
            "waybill.inbox.duplicates", "waybill.inbox.dead.lettered");
    private static final double JITTER = 0.2;

    private final DeadLetterStore deadLetters;
    private final MeterRegistry registry;
    private final int maxAttempts;
    private final RetrySchedule retrySchedule;

    public InboundEvents(DeadLetterStore deadLetters, MeterRegistry registry,
                         @ConfigProperty(name = "waybill.inbox.max-attempts", defaultValue = "5") int maxAttempts,
                         @ConfigProperty(name = "waybill.inbox.initial-backoff", defaultValue = "200ms") Duration initialBackoff,
                         @ConfigProperty(name = "waybill.inbox.max-backoff", defaultValue = "10s") Duration maxBackoff) {
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.maxAttempts = maxAttempts;
        this.retrySchedule = new RetrySchedule(initialBackoff, maxBackoff, JITTER);
    }

    /**
     * Registers every consumer's counters at zero when the service starts, so dashboards and alerts see the series
     * (and {@code rate()} has a baseline) before the first event, retry or dead letter.
     */
    void registerCounters(@Observes StartupEvent start, @Any Instance<EventHandler> handlers) {
        for (EventHandler handler : handlers) {
            for (String counter : COUNTERS) {
                counter(counter, handler);
            }
        }
    }

    /** Processes one broker message with the given handler and settles it (ack, or nack as a last resort). */
    public Uni<Void> process(Message<?> message, EventHandler handler) {
        String raw = bodyAsText(message.getPayload());
        EventEnvelope event;
        try {
            event = EventJson.readEnvelope(raw);
        } catch (IllegalArgumentException notAnEvent) {
            counter("waybill.inbox.dead.lettered", handler).increment();
            return deadLetters.store(handler.name(), null, raw, notAnEvent.getMessage(), 1)
                    .chain(() -> Uni.createFrom().completionStage(message.ack()))
                    .onFailure().recoverWithUni(f -> Uni.createFrom().completionStage(message.nack(f)));
        }
        return apply(event, handler)
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("Giving up on %s %s in %s after %d attempts: %s", event.type(), event.id(),
                            handler.name(), maxAttempts, failure.getMessage());
                    counter("waybill.inbox.dead.lettered", handler).increment();
                    return deadLetters.store(handler.name(), event, raw, describe(failure), maxAttempts);
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(f -> Uni.createFrom().completionStage(message.nack(f)));
    }

    /**
     * Applies one event through the inbox, with retries. Used for broker messages and for operator replays of
     * dead letters alike, so a replay is exactly as idempotent as the first delivery.
     */
    public Uni<Void> apply(EventEnvelope event, EventHandler handler) {
        if (!handler.accepts(event)) {
            return Uni.createFrom().voidItem();
        }
        EventLogContext.enter(event);
        return attempt(event, handler, 1)
                .invoke(() -> {
                    counter("waybill.inbox.processed", handler).increment();
                    LOG.infof("%s applied %s %s", handler.name(), event.type(), event.id());
                });
    }

    /** One attempt in its own transaction; a failure waits by the {@link RetrySchedule} and tries again. */
    private Uni<Void> attempt(EventEnvelope event, EventHandler handler, int attempt) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> recordInInbox(event, handler)
                        .chain(firstTime -> {
                            if (!firstTime) {
                                counter("waybill.inbox.duplicates", handler).increment();
                                LOG.debugf("%s already processed %s, skipping", handler.name(), event.id());
                                return Uni.createFrom().voidItem();
                            }
                            return handler.handle(event);
                        })))
                .onFailure().recoverWithUni(failure -> {
                    counter("waybill.inbox.retries", handler).increment();
                    if (attempt >= maxAttempts) {
                        return Uni.createFrom().failure(failure);
                    }
                    Duration delay = retrySchedule.delayBefore(attempt);
                    LOG.warnf("%s failed on %s %s (attempt %d), retrying in %d ms: %s", handler.name(), event.type(),
                            event.id(), attempt, delay.toMillis(), failure.getMessage());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                            .chain(() -> attempt(event, handler, attempt + 1));
                });
    }

    private Uni<Boolean> recordInInbox(EventEnvelope event, EventHandler handler) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO inbox_message (consumer, message_id, event_type, processed_at)
                                VALUES (:consumer, :id, :type, now()) ON CONFLICT DO NOTHING""")
                        .setParameter("consumer", handler.name())
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Counter counter(String name, EventHandler handler) {
        return registry.counter(name, "consumer", handler.name());
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + failure.getMessage();
    }

    private static String bodyAsText(Object payload) {
        if (payload instanceof JsonObject json) {
            return json.encode();
        }
        if (payload instanceof String text) {
            return text;
        }
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (payload instanceof Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        return String.valueOf(payload);
    }
}
