package io.waybill.order.saga;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.model.order.OrderStatus;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Escalates saga steps whose participant did not answer in time: each overdue order goes ON_HOLD with a reason
 * naming the silent participant, in its own transaction. Also keeps the gauge
 * {@code waybill.orders.awaiting.allocation.overdue} (orders ALLOCATING for longer than the configured time), the
 * number an alert on a stuck inventory-service watches.
 */
@ApplicationScoped
public class SagaDeadlineSweep {

    private static final Logger LOG = Logger.getLogger(SagaDeadlineSweep.class);
    static final ChangeSource DEADLINE = new ChangeSource("saga-deadline", "order-service");

    private final SagaCoordinator coordinator;
    private final Clock clock;
    private final Duration allocationOverdueAfter;
    private final AtomicLong allocationOverdue = new AtomicLong();

    public SagaDeadlineSweep(SagaCoordinator coordinator, Clock clock, MeterRegistry registry,
                             @ConfigProperty(name = "waybill.ops.allocation-overdue-after", defaultValue = "15m")
                             Duration allocationOverdueAfter) {
        this.coordinator = coordinator;
        this.clock = clock;
        this.allocationOverdueAfter = allocationOverdueAfter;
        registry.gauge("waybill.orders.awaiting.allocation.overdue", allocationOverdue);
    }

    @Scheduled(every = "${waybill.saga.sweep-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() throws Throwable {
        // A worker thread: run the reactive work on a fresh safe Vert.x context, as Hibernate Reactive requires.
        VertxContextSupport.subscribeAndAwait(() -> sweep(clock.instant()));
    }

    /** Escalates every step overdue at {@code now}; returns the ids of the orders put on hold. */
    public Uni<List<String>> sweep(Instant now) {
        return Panache.withSession(() -> OrderSaga.<OrderSaga>find("stepDeadline < ?1 order by stepDeadline", now)
                        .page(0, 200).list())
                .map(overdue -> overdue.stream().map(s -> s.orderId).toList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> escalate(id, now))
                        .filter(id -> id != null)
                        .collect().asList())
                .call(() -> refreshGauge(now));
    }

    private Uni<String> escalate(String orderId, Instant now) {
        return SagaTransaction.run(() -> CustomerOrder.<CustomerOrder>findById(orderId).chain(order ->
                        coordinator.decide(orderId, DEADLINE, order.eventContext(),
                                (saga, facts, at) -> coordinator.saga().deadlinePassed(saga, facts, now))))
                .map(order -> order.status() == OrderStatus.ON_HOLD ? orderId : null)
                .onFailure().recoverWithItem(failure -> {
                    // Conflicts were tried again; anything else is logged, and the next sweep looks again.
                    LOG.warnf("Deadline of order %s not escalated this time: %s", orderId, failure.getMessage());
                    return null;
                });
    }

    public Uni<Long> refreshGauge(Instant now) {
        return Panache.withSession(() -> CustomerOrder.count("status = ?1 and statusChangedAt < ?2",
                        OrderStatus.ALLOCATING, now.minus(allocationOverdueAfter)))
                .invoke(allocationOverdue::set);
    }
}
