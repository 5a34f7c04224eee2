package io.waybill.foundation.inbox;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;

/**
 * Applies incoming events to a service's state. Implementations are CDI beans; each has a stable {@link #name()}
 * (kept with inbox records and dead letters, so an operator's replay finds the handler again after a restart).
 * <p>
 * {@link #handle} runs inside the transaction that also records the message in the inbox: its effects and the
 * "already processed" mark commit together. It may publish follow-up events through the outbox in the same
 * transaction.
 */
public interface EventHandler {

    /** Stable name, e.g. {@code billing-service.shipments}. */
    String name();

    /** Whether this handler cares about the event; others are acknowledged and skipped. */
    default boolean accepts(EventEnvelope event) {
        return true;
    }

    Uni<Void> handle(EventEnvelope event);
}
