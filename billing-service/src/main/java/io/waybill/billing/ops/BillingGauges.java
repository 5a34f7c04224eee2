package io.waybill.billing.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges for dashboards and alerts: deliveries not yet invoiced (money not yet asked for) and freight disputes
 * waiting for an operator. Refreshed from the database on a schedule, since a gauge is read synchronously and the
 * database is reactive; between refreshes they show the last count.
 */
@ApplicationScoped
public class BillingGauges {

    private static final Logger LOG = Logger.getLogger(BillingGauges.class);

    private final OperatorViews views;
    private final AtomicLong unbilled = new AtomicLong();
    private final AtomicLong openDisputes = new AtomicLong();

    public BillingGauges(OperatorViews views) {
        this.views = views;
    }

    void register(@Observes StartupEvent startup, MeterRegistry registry) {
        Gauge.builder("waybill.shipments.delivered.unbilled", unbilled, AtomicLong::get)
                .description("Delivered shipments without a customer invoice").register(registry);
        Gauge.builder("waybill.freight.disputes.open", openDisputes, AtomicLong::get)
                .description("Carrier bill lines waiting in the freight audit review queue").register(registry);
    }

    @Scheduled(every = "${waybill.billing.gauges.refresh}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return views.countUnbilled().invoke(unbilled::set)
                .chain(() -> views.countOpenDisputes().invoke(openDisputes::set))
                .onFailure().invoke(f -> LOG.warnf("Billing gauges not refreshed: %s", f.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
