package io.waybill.shipment.tracking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Flags shipments that have gone quiet: still under way but without a tracking number, or without any carrier event
 * for {@code waybill.tracking.watchdog.silence}. The flag ({@code attention}) shows in the API; the gauge
 * {@code waybill.shipments.without.tracking} counts them for alerting. A new carrier event clears the flag.
 */
@ApplicationScoped
@Startup // the gauge must be on /q/metrics from the start, not from the first watchdog run 30 s later
public class TrackingWatchdog {

    private static final Logger LOG = Logger.getLogger(TrackingWatchdog.class);

    private final Clock clock;
    private final Duration silence;
    private final AtomicLong flagged = new AtomicLong();

    public TrackingWatchdog(Clock clock, MeterRegistry registry,
                            @ConfigProperty(name = "waybill.tracking.watchdog.silence") Duration silence) {
        this.clock = clock;
        this.silence = silence;
        Gauge.builder("waybill.shipments.without.tracking", flagged, AtomicLong::get)
                .description("Shipments under way with no tracking number or no carrier event for too long")
                .register(registry);
    }

    @Scheduled(every = "${waybill.tracking.watchdog.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "30s")
    Uni<Void> scheduled() {
        return check(silence).replaceWithVoid();
    }

    /** Flags what has been silent longer than {@code silence}; returns how many shipments are flagged now. */
    public Uni<Long> check(Duration silence) {
        Instant threshold = clock.instant().minus(silence);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE shipment SET attention = CASE
                                 WHEN tracking_number IS NULL THEN 'no tracking number'
                                 ELSE 'no carrier event since ' || to_char(COALESCE(last_event_at, booked_at)
                                      AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END
                         WHERE status NOT IN ('DELIVERED', 'RETURNED_TO_SENDER', 'CANCELLED')
                           AND attention IS NULL
                           AND (tracking_number IS NULL OR COALESCE(last_event_at, booked_at) < :threshold)""")
                        .setParameter("threshold", threshold)
                        .executeUpdate()
                        .chain(newlyFlagged -> {
                            if (newlyFlagged > 0) {
                                LOG.warnf("%d shipment(s) without tracking for over %s", newlyFlagged, silence);
                            }
                            return session.createNativeQuery("""
                                    SELECT COUNT(*) FROM shipment
                                     WHERE status NOT IN ('DELIVERED', 'RETURNED_TO_SENDER', 'CANCELLED')
                                       AND (attention LIKE 'no tracking number%' OR attention LIKE 'no carrier event%')""",
                                    Long.class).getSingleResult();
                        })))
                .invoke(flagged::set);
    }
}
