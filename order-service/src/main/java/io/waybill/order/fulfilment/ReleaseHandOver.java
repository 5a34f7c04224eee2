package io.waybill.order.fulfilment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.SagaCoordinator;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * What every partner link does after a successful hand-over, and after a failed attempt. A release withdrawn in
 * the meantime (shortage, cancellation) is left alone: the saga has moved on.
 */
@ApplicationScoped
public class ReleaseHandOver {

    private final SagaCoordinator coordinator;
    private final Clock clock;

    public ReleaseHandOver(SagaCoordinator coordinator, Clock clock) {
        this.coordinator = coordinator;
        this.clock = clock;
    }

    public Uni<Void> handedOver(String orderId, int releaseVersion) {
        return Panache.withTransaction(() -> WarehouseRelease.<WarehouseRelease>findById(orderId).chain(release -> {
            if (release == null || release.status != WarehouseRelease.Status.PENDING || release.version != releaseVersion) {
                return Uni.createFrom().voidItem();
            }
            release.status = WarehouseRelease.Status.HANDED_OVER;
            release.handedOverAt = clock.instant();
            release.attempts++;
            return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> coordinator.decide(orderId,
                    ChangeSource.partner(release.partnerId), order.eventContext(),
                    (saga, facts, now) -> coordinator.saga().onHandedToWarehouse(saga, facts, now))).replaceWithVoid();
        }));
    }

    /** Records a failed attempt; the saga's release deadline puts the order on hold if the partner stays away. */
    public Uni<Void> failed(String orderId, Throwable failure) {
        return Panache.withTransaction(() -> WarehouseRelease.<WarehouseRelease>findById(orderId).invoke(release -> {
            if (release != null && release.status == WarehouseRelease.Status.PENDING) {
                release.attempts++;
                release.lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
        })).replaceWithVoid();
    }
}
