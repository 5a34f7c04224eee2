package io.waybill.inventory.reservation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.model.inventory.ReservationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Gives held stock back when the saga did not confirm it in time (waybill.inventory.reservation.ttl), so an order
 * that stalled cannot block stock forever. Each lapsed reservation is released in its own short transaction and
 * announced with {@code reservation-released} (reason {@code expired}).
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);
    private static final int BATCH = 200;

    private final Reservations reservations;
    private final Clock clock;

    public ReservationExpiry(Reservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    /**
     * Runs on a worker thread and waits for the sweep on a fresh Vert.x context, the one place Hibernate Reactive
     * may run: the scheduler gives no such guarantee to the methods it calls.
     */
    @Scheduled(every = "${waybill.inventory.reservation.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int released = VertxContextSupport.subscribeAndAwait(() -> releaseExpired(clock.instant()));
            if (released > 0) {
                LOG.infof("Released %d expired reservations", released);
            }
        } catch (Throwable failure) {
            // The next run picks up whatever this one left: each reservation is released in its own transaction.
            LOG.warnf("Reservation expiry sweep stopped early: %s", failure.getMessage());
        }
    }

    /** Expires every reservation still held at {@code asOf} whose time is up; returns how many it released. */
    public Uni<Integer> releaseExpired(Instant asOf) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC);
        return releaseBatch(cutoff, 0);
    }

    /** One batch of due reservations, then the next, until a batch comes back short: a backlog drains in one run. */
    private Uni<Integer> releaseBatch(OffsetDateTime cutoff, int releasedSoFar) {
        return Panache.withSession(() -> ReservationEntity.<ReservationEntity>find(
                                "status = ?1 and expiresAt <= ?2 order by expiresAt", ReservationStatus.HELD, cutoff)
                        .page(0, BATCH).list())
                .map(due -> due.stream().map(r -> r.reservationId).toList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate((UUID id) -> Panache.withTransaction(
                                () -> reservations.expireIfDue(id, cutoff)))
                        .filter(Boolean::booleanValue)
                        .collect().asList()
                        .chain(released -> ids.size() < BATCH
                                ? Uni.createFrom().item(releasedSoFar + released.size())
                                : releaseBatch(cutoff, releasedSoFar + released.size())));
    }
}
