package io.waybill.order.saga;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One saga decision in its own transaction, tried again when another decision about the same order committed first.
 * Every decision rewrites the order's saga row under its version, so two that meet (the parts of a split order
 * handed to two 3PLs at the same moment, a partner's confirmation crossing the carrier's scan) cannot both commit.
 * Replies from the broker are retried by the inbox; the partner links have no such retry, and the loser would leave a
 * hand-over unrecorded (and the release sent again once its claim looks abandoned) or a confirmation file rejected.
 * Each attempt runs in a fresh session, so it decides on what the winner committed.
 */
public final class SagaTransaction {

    private static final int ATTEMPTS = 5;

    private SagaTransaction() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(SagaTransaction::isConflict).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).withJitter(0.5).atMost(ATTEMPTS);
    }

    /** Whether {@code failure} is another transaction's concurrent update of a row this one changed. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
