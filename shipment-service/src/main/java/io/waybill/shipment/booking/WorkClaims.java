package io.waybill.shipment.booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * How booking requests and returns are taken up: one row at a time per worker with {@code FOR UPDATE SKIP LOCKED}, so
 * parallel workers and replicas never work the same row, and a row whose claim is older than the claim timeout is
 * taken over (its worker died; the label ledger makes that safe). Several workers drain a queue in parallel, which is
 * what lets a carrier's bulkhead matter: calls beyond it fail at once and the work moves on to the next carrier.
 */
@ApplicationScoped
public class WorkClaims {

    private static final Logger LOG = Logger.getLogger(WorkClaims.class);

    /**
     * A table of work: {@code claimable} is the SQL condition of rows to take (it may use {@code :stale}, the instant
     * before which a claim has lapsed), {@code orderBy} which comes first.
     */
    public record Queue(String table, String claimable, String orderBy) {
    }

    /** One unit of work: claim a row and work it; false when there was nothing to claim. */
    @FunctionalInterface
    public interface Step {
        boolean claimAndWork() throws Throwable;
    }

    private final Clock clock;

    public WorkClaims(Clock clock) {
        this.clock = clock;
    }

    /** Claims the next row of the queue in its own transaction; {@code claim} marks it taken (at the given instant). */
    public <E extends PanacheEntityBase> Uni<E> claimNext(Queue queue, Class<E> type, Duration claimTimeout,
                                                          BiConsumer<E, Instant> claim) {
        Instant now = clock.instant();
        String sql = "SELECT id FROM " + queue.table() + " WHERE " + queue.claimable() + " ORDER BY " + queue.orderBy()
                + " LIMIT 1 FOR UPDATE SKIP LOCKED";
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, String.class);
            if (queue.claimable().contains(":stale")) {
                query.setParameter("stale", now.minus(claimTimeout));
            }
            return query.getResultList().chain(ids -> ids.isEmpty() ? Uni.createFrom().<E>nullItem()
                    : session.find(type, ids.get(0)).invoke(row -> claim.accept(row, now)));
        }));
    }

    /**
     * Runs {@code step} on {@code workers} threads until the queue is empty or {@code limit} rows were worked, and
     * returns when all are done (so a scheduled run never overlaps the next).
     */
    public void drain(String name, int workers, int limit, Step step) {
        AtomicInteger budget = new AtomicInteger(limit);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.max(1, workers); i++) {
            threads.add(Thread.ofPlatform().name(name + "-" + i).start(() -> {
                while (budget.getAndDecrement() > 0) {
                    try {
                        if (!step.claimAndWork()) {
                            return;
                        }
                    } catch (Throwable e) {
                        LOG.errorf(e, "%s: claiming work failed; the rest waits for the next run", name);
                        return;
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
