package io.waybill.odoo.writequeue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The write queue's backlog as gauges, for the dashboards and the {@code WaybillOdooWriteQueueBacklog} alert of the
 * Helm chart:
 * <ul>
 *   <li>{@code waybill.odoo.write.queue.depth} ({@code waybill_odoo_write_queue_depth}): writes queued and not yet
 *       applied; it grows while Odoo is down and drains at the configured rate once it is back;</li>
 *   <li>{@code waybill.odoo.write.queue.failed} ({@code waybill_odoo_write_queue_failed}): writes set aside as
 *       FAILED, waiting for an operator ({@code GET /odoo/write-queue}).</li>
 * </ul>
 * The gauges read two numbers held here; a scheduler refreshes them from the table every
 * {@code waybill.odoo.write-queue.metrics-interval}, never the scrape itself (a scrape must not wait on the
 * database). Not on the worker's cycle: while Odoo is down one drain run lasts the whole outage, the very time the
 * depth matters. Every replica reports the same table-wide numbers; the alert takes their max. Until the first
 * refresh the gauges read NaN (unknown), not 0.
 */
@Startup
@ApplicationScoped
public class WriteQueueMetrics {

    private static final Logger LOG = Logger.getLogger(WriteQueueMetrics.class);
    private static final long UNKNOWN = -1;

    private final WriteQueue queue;
    private final AtomicLong pending = new AtomicLong(UNKNOWN);
    private final AtomicLong failed = new AtomicLong(UNKNOWN);

    public WriteQueueMetrics(WriteQueue queue, MeterRegistry registry) {
        this.queue = queue;
        Gauge.builder("waybill.odoo.write.queue.depth", pending, WriteQueueMetrics::value)
                .description("Writes to Odoo queued and not yet applied (held while Odoo is unavailable)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("waybill.odoo.write.queue.failed", failed, WriteQueueMetrics::value)
                .description("Writes to Odoo set aside as FAILED after their attempts, waiting for an operator")
                .strongReference(true)
                .register(registry);
    }

    @Scheduled(every = "${waybill.odoo.write-queue.metrics-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return queue.backlog()
                .invoke(backlog -> {
                    pending.set(backlog.pending());
                    failed.set(backlog.failed());
                })
                .onFailure().invoke(e -> LOG.warnf("Write queue metrics not refreshed (keeping the last values): %s",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static double value(AtomicLong count) {
        long value = count.get();
        return value == UNKNOWN ? Double.NaN : value;
    }
}
