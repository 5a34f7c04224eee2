package io.waybill.shipment.booking;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.waybill.shipment.persistence.BookingRequestEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Works off booking requests the inbox recorded, {@code waybill.booking.workers} at a time. Workers and replicas share
 * the queue through {@code FOR UPDATE SKIP LOCKED} ({@link WorkClaims}); a request whose worker died is taken over
 * after the claim timeout.
 */
@ApplicationScoped
public class BookingWorker {

    private static final Logger LOG = Logger.getLogger(BookingWorker.class);
    private static final int PER_RUN = 20;

    private final BookingRecorder recorder;
    private final BookingService booking;
    private final Duration claimTimeout;
    private final WorkClaims claims;
    private final int workers;

    public BookingWorker(BookingRecorder recorder, BookingService booking, WorkClaims claims,
                         @ConfigProperty(name = "waybill.booking.claim-timeout") Duration claimTimeout,
                         @ConfigProperty(name = "waybill.booking.workers") int workers) {
        this.recorder = recorder;
        this.booking = booking;
        this.claims = claims;
        this.claimTimeout = claimTimeout;
        this.workers = workers;
    }

    @Scheduled(every = "${waybill.booking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void bookPending() {
        claims.drain("booking-worker", workers, PER_RUN, () -> {
            BookingRequestEntity request = VertxContextSupport.subscribeAndAwait(() -> recorder.claimNext(claimTimeout));
            if (request == null) {
                return false;
            }
            try {
                booking.book(request);
            } catch (Throwable e) {
                // Not a carrier's answer (those end in booked or booking-failed) but our own trouble, e.g. the
                // database: the claim lapses and the request is taken up again.
                LOG.errorf(e, "Booking request %s of order %s failed unexpectedly; it will be retried", request.id,
                        request.orderId);
            }
            return true;
        });
    }
}
