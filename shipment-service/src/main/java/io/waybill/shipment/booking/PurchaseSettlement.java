package io.waybill.shipment.booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.CarrierRejectedException;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.VoidOutcome;
import io.waybill.shipment.persistence.LabelPurchaseEntity;
import io.waybill.shipment.persistence.LabelPurchaseEntity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Settles purchases a booking or return went on without (its answer was lost and the label not found at the time):
 * until the purchase's settle window has passed, the carrier is asked again; a label that turns up is recorded and
 * voided, so nothing is carried or charged for it. A carrier that refuses the void leaves the purchase
 * {@code VOID_REFUSED} for an operator.
 */
@ApplicationScoped
public class PurchaseSettlement {

    private static final Logger LOG = Logger.getLogger(PurchaseSettlement.class);

    private final CarrierRegistry carriers;
    private final CarrierGuards guards;
    private final Clock clock;

    public PurchaseSettlement(CarrierRegistry carriers, CarrierGuards guards, Clock clock) {
        this.carriers = carriers;
        this.guards = guards;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.booking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void settleAbandoned() throws Throwable {
        List<LabelPurchaseEntity> open = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                LabelPurchaseEntity.<LabelPurchaseEntity>list("status in ?1 order by notedAt",
                        List.of(Status.ABANDONED, Status.VOID_PENDING))));
        for (LabelPurchaseEntity row : open) {
            CarrierAdapter carrier = carriers.find(row.carrierId).orElse(null);
            if (carrier == null) {
                continue;
            }
            try {
                settle(row, carrier);
            } catch (CarrierRejectedException refused) {
                LOG.errorf("Carrier %s refused to void label %s of abandoned purchase %s; an operator has to: %s",
                        row.carrierId, row.trackingNumber, row.idempotencyKey, refused.getMessage());
                record(row.id, r -> {
                    r.status = Status.VOID_REFUSED;
                    r.resolvedAt = clock.instant();
                    r.note = "void refused: " + refused.getMessage();
                });
            } catch (CarrierException unavailable) {
                LOG.warnf("Settling purchase %s with %s failed, will retry: %s", row.idempotencyKey, row.carrierId,
                        unavailable.getMessage());
            }
        }
    }

    private void settle(LabelPurchaseEntity row, CarrierAdapter carrier) throws Throwable {
        if (row.status == Status.VOID_PENDING) {
            if (guards.probe(row.carrierId, () -> carrier.voidStatus(row.trackingNumber, row.carrierShipmentRef),
                    VoidOutcome.class) == VoidOutcome.VOIDED) {
                record(row.id, r -> {
                    r.status = Status.VOIDED;
                    r.resolvedAt = clock.instant();
                });
            }
            return;
        }
        PurchasedLabel label = guards.probe(row.carrierId,
                () -> carrier.lookUpPurchase(LabelLedger.quoteOf(row), row.idempotencyKey).orElse(null),
                PurchasedLabel.class);
        Instant now = clock.instant();
        if (label == null) {
            if (now.isAfter(row.settleUntil)) {
                record(row.id, r -> {
                    r.status = Status.NONE;
                    r.resolvedAt = now;
                    r.note = "no label turned up within the settle window";
                });
            }
            return;
        }
        // Recorded before the void, so the label is on file whatever the void's fate.
        record(row.id, r -> {
            r.trackingNumber = label.trackingNumber();
            r.carrierShipmentRef = label.carrierShipmentRef();
        });
        VoidOutcome outcome = guards.probe(row.carrierId,
                () -> carrier.voidLabel(label.trackingNumber(), label.carrierShipmentRef()), VoidOutcome.class);
        LOG.warnf("Label %s of abandoned purchase %s turned up with %s; void %s", label.trackingNumber(),
                row.idempotencyKey, row.carrierId, outcome);
        record(row.id, r -> {
            r.status = outcome == VoidOutcome.VOIDED ? Status.VOIDED : Status.VOID_PENDING;
            r.resolvedAt = outcome == VoidOutcome.VOIDED ? now : null;
            r.note = "label turned up after the owner went on; void " + outcome;
        });
    }

    private static void record(UUID id, Consumer<LabelPurchaseEntity> change) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                LabelPurchaseEntity.<LabelPurchaseEntity>findById(id).invoke(change).replaceWithVoid()));
    }
}
