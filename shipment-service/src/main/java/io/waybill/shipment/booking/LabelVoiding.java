package io.waybill.shipment.booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.waybill.events.shipment.ShipmentCancelled;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.CarrierRejectedException;
import io.waybill.shipment.carrier.VoidOutcome;
import io.waybill.shipment.persistence.ShipmentEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.List;

/**
 * Voids the labels of shipments whose cancellation was requested (by the order saga or an operator): the carrier is
 * asked to void, and only once the void is done is the shipment cancelled and {@code cancelled} published. A void the
 * carrier accepted but settles later (an EasyPost refund {@code submitted}) is asked after every
 * {@code waybill.booking.void-status-interval} until it is done or rejected. A carrier that refuses (the parcel is
 * already collected, the refund rejected) leaves the shipment as it is, flagged for an operator.
 */
@ApplicationScoped
public class LabelVoiding {

    private static final Logger LOG = Logger.getLogger(LabelVoiding.class);

    private final CarrierRegistry carriers;
    private final CarrierGuards guards;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration voidStatusInterval;

    public LabelVoiding(CarrierRegistry carriers, CarrierGuards guards, Outbox outbox, Clock clock,
                        @ConfigProperty(name = "waybill.booking.void-status-interval") Duration voidStatusInterval) {
        this.carriers = carriers;
        this.guards = guards;
        this.outbox = outbox;
        this.clock = clock;
        this.voidStatusInterval = voidStatusInterval;
    }

    @Scheduled(every = "${waybill.booking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void voidRequested() throws Throwable {
        List<ShipmentEntity> requested = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                ShipmentEntity.<ShipmentEntity>list("cancelRequestedAt is not null and status not in ?1",
                        List.of(Milestone.CANCELLED, Milestone.DELIVERED, Milestone.RETURNED_TO_SENDER))));
        Instant now = clock.instant();
        for (ShipmentEntity shipment : requested) {
            CarrierAdapter carrier = carriers.find(shipment.carrierId).orElse(null);
            boolean submitted = shipment.voidSubmittedAt != null;
            if (carrier == null || submitted && shipment.voidCheckedAt != null
                    && shipment.voidCheckedAt.plus(voidStatusInterval).isAfter(now)) {
                continue;
            }
            try {
                // A void the carrier accepted earlier is asked after, not requested again.
                VoidOutcome outcome = guards.call(shipment.carrierId, () -> submitted
                        ? carrier.voidStatus(shipment.trackingNumber, shipment.carrierShipmentRef)
                        : carrier.voidLabel(shipment.trackingNumber, shipment.carrierShipmentRef), VoidOutcome.class);
                if (outcome == VoidOutcome.VOIDED) {
                    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> cancelled(shipment.id)));
                } else {
                    LOG.infof("Carrier %s accepted the void of %s and settles it later", shipment.carrierId, shipment.id);
                    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> voidPending(shipment.id, now)));
                }
            } catch (CarrierRejectedException refused) {
                LOG.warnf("Carrier %s refused to void %s: %s", shipment.carrierId, shipment.id, refused.getMessage());
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> refused(shipment.id,
                        refused.getMessage())));
            } catch (CarrierException unavailable) {
                LOG.warnf("Voiding %s with %s failed, will retry: %s", shipment.id, shipment.carrierId,
                        unavailable.getMessage());
            }
        }
    }

    private Uni<Void> voidPending(String shipmentId, Instant now) {
        return ShipmentEntity.<ShipmentEntity>findById(shipmentId, LockModeType.PESSIMISTIC_WRITE).invoke(shipment -> {
            if (shipment.voidSubmittedAt == null) {
                shipment.voidSubmittedAt = now;
            }
            shipment.voidCheckedAt = now;
        }).replaceWithVoid();
    }

    private Uni<Void> cancelled(String shipmentId) {
        return ShipmentEntity.<ShipmentEntity>findById(shipmentId, LockModeType.PESSIMISTIC_WRITE).chain(shipment -> {
            if (shipment.status == Milestone.CANCELLED) {
                return Uni.createFrom().voidItem();
            }
            shipment.status = Milestone.CANCELLED;
            return outbox.append(ShipmentEvents.SHIPMENT_CANCELLED, shipment.id,
                    new ShipmentCancelled(shipment.id, shipment.orderId, shipment.cancelReason),
                    new EventContext(shipment.correlationId, null, shipment.customerId)).replaceWithVoid();
        });
    }

    private Uni<Void> refused(String shipmentId, String why) {
        return ShipmentEntity.<ShipmentEntity>findById(shipmentId, LockModeType.PESSIMISTIC_WRITE).invoke(shipment -> {
            shipment.cancelRequestedAt = null;
            shipment.voidSubmittedAt = null;
            shipment.voidCheckedAt = null;
            shipment.attention = "cancellation refused by carrier: " + why;
        }).replaceWithVoid();
    }
}
