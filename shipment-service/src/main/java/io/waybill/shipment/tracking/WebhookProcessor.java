package io.waybill.shipment.tracking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.persistence.CarrierWebhookEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Works off stored carrier webhooks, oldest first, each in its own transaction: parse with the carrier's adapter,
 * record in the tracking history, mark processed. Replicas share the work ({@code FOR UPDATE SKIP LOCKED}).
 * <p>
 * A webhook about a tracking number we do not know yet is usually one that overtook its own booking (carriers send
 * "label created" before answering the purchase): it is retried with a growing delay, and only after
 * {@value #MAX_ATTEMPTS} attempts set aside as UNMATCHED. A body the adapter cannot read is set aside as FAILED.
 * Neither is ever deleted.
 */
@ApplicationScoped
public class WebhookProcessor {

    private static final Logger LOG = Logger.getLogger(WebhookProcessor.class);
    static final int MAX_ATTEMPTS = 12;
    private static final int BATCH = 50;

    private final CarrierRegistry carriers;
    private final TrackingHistory history;
    private final Clock clock;

    public WebhookProcessor(CarrierRegistry carriers, TrackingHistory history, Clock clock) {
        this.carriers = carriers;
        this.history = history;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.tracking.process-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> processPending() {
        return processNext(BATCH);
    }

    /** Processes up to {@code remaining} due webhooks, one transaction each. */
    public Uni<Void> processNext(int remaining) {
        if (remaining == 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(this::claimAndProcess)
                .onFailure().invoke(f -> LOG.errorf(f, "Processing a carrier webhook failed; it stays pending"))
                .onFailure().recoverWithItem(false)
                .chain(processed -> processed ? processNext(remaining - 1) : Uni.createFrom().voidItem());
    }

    private Uni<Boolean> claimAndProcess() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT CAST(id AS VARCHAR) FROM carrier_webhook
                         WHERE status = 'RECEIVED' AND next_attempt_at <= :now
                         ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED""", String.class)
                .setParameter("now", clock.instant())
                .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(false)
                        : CarrierWebhookEntity.<CarrierWebhookEntity>findById(UUID.fromString(ids.get(0)))
                                .chain(this::process).replaceWith(true));
    }

    private Uni<Void> process(CarrierWebhookEntity webhook) {
        Instant now = clock.instant();
        webhook.attempts++;
        CarrierAdapter adapter = carriers.find(webhook.carrierId).orElse(null);
        if (adapter == null) {
            return setAside(webhook, CarrierWebhookEntity.Status.FAILED, "carrier no longer configured", now);
        }
        List<io.waybill.shipment.carrier.CarrierTrackingUpdate> updates;
        try {
            updates = adapter.parseWebhook(webhook.body);
        } catch (RuntimeException unreadable) {
            return setAside(webhook, CarrierWebhookEntity.Status.FAILED, unreadable.getMessage(), now);
        }
        return history.record(webhook.carrierId, updates, webhook.id, webhook.receivedAt).chain(outcome -> {
            if (outcome != TrackingHistory.Outcome.UNMATCHED) {
                webhook.status = CarrierWebhookEntity.Status.PROCESSED;
                webhook.processedAt = now;
                webhook.error = null;
                return Uni.createFrom().voidItem();
            }
            if (webhook.attempts >= MAX_ATTEMPTS) {
                return setAside(webhook, CarrierWebhookEntity.Status.UNMATCHED,
                        "no shipment with this tracking number after " + webhook.attempts + " attempts", now);
            }
            webhook.error = "no shipment with this tracking number yet";
            webhook.nextAttemptAt = now.plus(backoff(webhook.attempts));
            return Uni.createFrom().voidItem();
        });
    }

    /** 1 s, 2 s, 4 s ... up to 10 minutes: about an hour and a half in all before giving up. */
    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts - 1, 20)));
    }

    private static Uni<Void> setAside(CarrierWebhookEntity webhook, CarrierWebhookEntity.Status status, String why,
                                      Instant now) {
        LOG.warnf("Carrier webhook %s of %s set aside as %s: %s", webhook.id, webhook.carrierId, status, why);
        webhook.status = status;
        webhook.processedAt = now;
        webhook.error = why;
        return Uni.createFrom().voidItem();
    }
}
