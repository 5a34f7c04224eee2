package io.waybill.foundation.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.foundation.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The per-service store of messages that exhausted their retries, and their replay. */
@ApplicationScoped
public class DeadLetterStore {

    private final Instance<EventHandler> handlers;
    private final Instance<InboundEvents> inbound;
    private final Clock clock;
    private final AtomicLong open = new AtomicLong();

    public DeadLetterStore(@Any Instance<EventHandler> handlers, Instance<InboundEvents> inbound, Clock clock,
                           MeterRegistry registry) {
        this.handlers = handlers;
        this.inbound = inbound;
        this.clock = clock;
        registry.gauge("waybill.dead.letters", open);
    }

    public Uni<Void> store(String consumer, EventEnvelope event, String payload, String error, int attempts) {
        DeadLetter letter = new DeadLetter();
        letter.id = UUID.randomUUID();
        letter.consumer = consumer;
        letter.messageId = event == null ? null : event.id();
        letter.eventType = event == null ? null : event.type();
        letter.subject = event == null ? null : event.subject();
        letter.payload = payload;
        letter.error = truncate(error);
        letter.attempts = attempts;
        letter.failedAt = OffsetDateTime.now(clock);
        letter.status = DeadLetter.Status.OPEN;
        return Panache.withTransaction(letter::persist).invoke(() -> open.incrementAndGet()).replaceWithVoid();
    }

    public Uni<List<DeadLetter>> list(DeadLetter.Status status, int page, int size) {
        return Panache.withSession(() -> DeadLetter.<DeadLetter>find("status", Sort.descending("failedAt"), status)
                .page(Page.of(page, size)).list());
    }

    public Uni<DeadLetter> get(UUID id) {
        return Panache.withSession(() -> DeadLetter.<DeadLetter>findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("dead-letter", "No dead letter " + id));
    }

    /**
     * Hands the stored message to its handler again, through the inbox (so a message that meanwhile got applied
     * has no second effect). On success the letter is marked replayed; on failure it stays open with the error.
     */
    public Uni<DeadLetter> replay(UUID id, String operator) {
        return get(id).chain(letter -> {
            if (letter.status != DeadLetter.Status.OPEN) {
                return Uni.createFrom().failure(ProblemException.conflict("dead-letter-not-open",
                        "Dead letter " + id + " is " + letter.status.name().toLowerCase() + ", not open"));
            }
            EventHandler handler = handlers.stream().filter(h -> h.name().equals(letter.consumer)).findFirst()
                    .orElse(null);
            if (handler == null) {
                return Uni.createFrom().failure(ProblemException.conflict("dead-letter-no-handler",
                        "No handler named " + letter.consumer + " in this service"));
            }
            EventEnvelope event;
            try {
                event = EventJson.readEnvelope(letter.payload);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(ProblemException.conflict("dead-letter-unreadable",
                        "The stored message is not an event and cannot be replayed; discard it"));
            }
            return inbound.get().apply(event, handler)
                    .chain(() -> resolve(id, DeadLetter.Status.REPLAYED, operator, null))
                    .onFailure(f -> !(f instanceof ProblemException))
                    .recoverWithUni(f -> resolve(id, DeadLetter.Status.OPEN, operator, f.getMessage()));
        });
    }

    public Uni<DeadLetter> discard(UUID id, String operator) {
        return get(id).chain(letter -> letter.status == DeadLetter.Status.OPEN
                ? resolve(id, DeadLetter.Status.DISCARDED, operator, null)
                : Uni.createFrom().failure(ProblemException.conflict("dead-letter-not-open",
                "Dead letter " + id + " is " + letter.status.name().toLowerCase() + ", not open")));
    }

    public Uni<Long> countOpen() {
        return Panache.withSession(() -> DeadLetter.count("status", DeadLetter.Status.OPEN))
                .invoke(open::set);
    }

    private Uni<DeadLetter> resolve(UUID id, DeadLetter.Status status, String operator, String replayError) {
        return Panache.withTransaction(() -> DeadLetter.<DeadLetter>findById(id).invoke(letter -> {
            letter.status = status;
            letter.replayError = truncate(replayError);
            if (status != DeadLetter.Status.OPEN) {
                letter.resolvedAt = OffsetDateTime.now(clock);
                letter.resolvedBy = operator;
                open.decrementAndGet();
            }
        }));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
    }
}
