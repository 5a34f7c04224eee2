package io.waybill.odoo.writequeue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.waybill.odoo.client.OdooException;
import io.waybill.odoo.client.OdooUnavailableException;
import io.waybill.odoo.config.OdooConnectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains the write queue into Odoo, oldest first, one write at a time, through the rate-limited client.
 * <ul>
 *   <li>Odoo unavailable (refused, 5xx, timeout): the write stays at the head of the queue and the worker pauses,
 *       doubling the pause while Odoo stays away. Nothing behind it overtakes it, so writes resume in order.</li>
 *   <li>A write that cannot apply until something else changes ({@link WriteNotApplicableException}, e.g. an
 *       invoice for a customer Odoo does not know): set aside as FAILED at once, so it holds up nothing.</li>
 *   <li>Any other fault (validation, access, a wizard): the write is retried a few times, then set aside as
 *       FAILED for an operator ({@code GET /odoo/write-queue}); the queue moves on.</li>
 *   <li>One replica at a time drains: it holds a lease row in PostgreSQL.</li>
 * </ul>
 */
@ApplicationScoped
public class WriteQueueWorker {

    private static final Logger LOG = Logger.getLogger(WriteQueueWorker.class);

    enum Step { APPLIED, SET_ASIDE, RETRYING, STOP }

    /** Writes fetched per lease renewal; the lease outlasts a batch at any configured rate. */
    private static final int BATCH = 50;

    private final WriteQueue queue;
    private final Map<String, OdooWriteOperation> operations = new HashMap<>();
    private final OdooConnectorConfig config;
    private final Vertx vertx;
    private final String holder = "worker-" + UUID.randomUUID();
    private volatile boolean stopping;
    private volatile Duration pause;
    private volatile boolean odooAway;

    public WriteQueueWorker(WriteQueue queue, Instance<OdooWriteOperation> operations, OdooConnectorConfig config,
                            Vertx vertx) {
        this.queue = queue;
        this.config = config;
        this.vertx = vertx;
        this.pause = config.writeQueue().pause();
        operations.forEach(op -> this.operations.put(op.name(), op));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @Scheduled(every = "${waybill.odoo.write-queue.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledDrain() {
        if (!config.writeQueue().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return drain().onFailure().invoke(e -> LOG.warnf("Write queue run failed, next run continues: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Applies queued writes until the queue is empty (or another replica holds the lease). */
    public Uni<Long> drain() {
        AtomicLong applied = new AtomicLong();
        return Multi.createBy().repeating().uni(() -> batch(applied)).until(step -> step == Step.STOP)
                .collect().last().map(last -> applied.get());
    }

    /**
     * Takes the lease and applies the next writes in order. A write that must be retried ends the batch, so the
     * next batch starts with it again: nothing behind it overtakes it.
     */
    private Uni<Step> batch(AtomicLong applied) {
        if (stopping) {
            return Uni.createFrom().item(Step.STOP);
        }
        return lease().chain(leader -> !leader
                ? Uni.createFrom().item(Step.STOP)
                : queue.head(BATCH).chain(entries -> entries.isEmpty()
                ? Uni.createFrom().item(Step.STOP)
                : Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> apply(entry).invoke(step -> {
                    if (step == Step.APPLIED) {
                        applied.incrementAndGet();
                    }
                }))
                .select().first(step -> step != Step.RETRYING)
                .collect().asList()
                .map(done -> done.size() < entries.size() ? Step.RETRYING : Step.APPLIED)));
    }

    private Uni<Step> apply(WriteQueue.Entry entry) {
        OdooWriteOperation operation = operations.get(entry.operation());
        if (operation == null) {
            return queue.markFailed(entry.seq(), "No operation named " + entry.operation()).replaceWith(Step.SET_ASIDE);
        }
        return Uni.createFrom().deferred(() -> operation.apply(entry.payload()))
                .chain(() -> {
                    if (odooAway) {
                        odooAway = false;
                        LOG.infof("Odoo is back: resuming writes at #%d", entry.seq());
                    }
                    pause = config.writeQueue().pause();
                    return queue.markDone(entry.seq()).replaceWith(Step.APPLIED);
                })
                .onFailure().recoverWithUni(failure -> failed(entry, failure));
    }

    private Uni<Step> failed(WriteQueue.Entry entry, Throwable failure) {
        String error = failure instanceof OdooException odoo
                ? odoo.getClass().getSimpleName() + " (" + odoo.odooErrorName() + "): " + odoo.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof OdooUnavailableException) {
            // Odoo away or the outcome unknown: keep the head, pause, try the same write again.
            if (!odooAway) {
                odooAway = true;
                LOG.warnf("Odoo unavailable while applying write #%d (%s): pausing the write queue. %s",
                        entry.seq(), entry.operation(), error);
            }
            Duration wait = pause;
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(config.writeQueue().maxPause()) > 0 ? config.writeQueue().maxPause() : doubled;
            return queue.markAttemptFailed(entry.seq(), error).chain(() -> sleep(wait)).replaceWith(Step.RETRYING);
        }
        if (failure instanceof WriteNotApplicableException) {
            LOG.warnf("Write #%d (%s %s) set aside: %s", entry.seq(), entry.operation(), entry.subject(), error);
            return queue.markFailed(entry.seq(), error).replaceWith(Step.SET_ASIDE);
        }
        if (entry.attempts() + 1 >= config.writeQueue().maxAttempts()) {
            LOG.errorf("Write #%d (%s %s) set aside after %d attempts: %s", entry.seq(), entry.operation(),
                    entry.subject(), entry.attempts() + 1, error);
            return queue.markFailed(entry.seq(), error).replaceWith(Step.SET_ASIDE);
        }
        LOG.warnf("Write #%d (%s %s) failed, will retry: %s", entry.seq(), entry.operation(), entry.subject(), error);
        return queue.markAttemptFailed(entry.seq(), error).chain(() -> sleep(config.writeQueue().pause()))
                .replaceWith(Step.RETRYING);
    }

    /** Takes or renews the writer lease; long enough to outlast the longest pause plus a call. */
    private Uni<Boolean> lease() {
        double seconds = config.writeQueue().maxPause().plus(config.requestTimeout()).multipliedBy(2).toMillis() / 1000.0;
        return queue.lease(holder, seconds);
    }

    private Uni<Void> sleep(Duration duration) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, duration.toMillis()),
                id -> emitter.complete(null)));
    }
}
