package io.waybill.shipment.booking;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.waybill.shipment.persistence.BookingRequestEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Works off booking requests the inbox recorded, one after the other, on a worker thread. Replicas share the queue
 * through {@code FOR UPDATE SKIP LOCKED}; a request whose worker died is taken over after the claim timeout.
 */
@ApplicationScoped
public class BookingWorker {

    private static final Logger LOG = Logger.getLogger(BookingWorker.class);
    private static final int PER_RUN = 20;

    private final BookingRecorder recorder;
    private final BookingService booking;
    private final Duration claimTimeout;

    public BookingWorker(BookingRecorder recorder, BookingService booking,
                         @ConfigProperty(name = "waybill.booking.claim-timeout") Duration claimTimeout) {
        this.recorder = recorder;
        this.booking = booking;
        this.claimTimeout = claimTimeout;
    }

    @Scheduled(every = "${waybill.booking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void bookPending() {
        for (int i = 0; i < PER_RUN; i++) {
            BookingRequestEntity request;
            try {
                request = VertxContextSupport.subscribeAndAwait(() -> recorder.claimNext(claimTimeout));
            } catch (Throwable e) {
                LOG.errorf(e, "Could not claim a booking request");
                return;
            }
            if (request == null) {
                return;
            }
            try {
                booking.book(request);
            } catch (Throwable e) {
                // Not a carrier's answer (those end in booked or booking-failed) but our own trouble, e.g. the
                // database: the claim lapses and the request is taken up again.
                LOG.errorf(e, "Booking request %s of order %s failed unexpectedly; it will be retried", request.id,
                        request.orderId);
            }
        }
    }
}
