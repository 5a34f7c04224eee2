package io.waybill.order.fulfilment;

import io.smallrye.mutiny.Uni;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.SagaCoordinator;
import io.waybill.order.saga.SagaTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * What every partner link does around a hand-over: claim the release before calling out, then record success or
 * failure. The claim is committed before the partner is called, so a cancellation arriving during the call sees
 * that the partner may have the release and asks the partner to cancel it, instead of only withdrawing it here.
 * A release withdrawn in the meantime is left alone: the saga has moved on.
 */
@ApplicationScoped
public class ReleaseHandOver {

    private final SagaCoordinator coordinator;
    private final Clock clock;

    public ReleaseHandOver(SagaCoordinator coordinator, Clock clock) {
        this.coordinator = coordinator;
        this.clock = clock;
    }

    /**
     * Claims a release the link is about to hand over, in its own transaction.
     *
     * @return the claimed release's version, or null if it changed since it was read (withdrawn, replaced, claimed)
     */
    public Uni<Integer> claim(String reference, int readVersion) {
        return SagaTransaction.run(() -> WarehouseRelease.<WarehouseRelease>findById(reference).chain(release -> {
                    if (release == null || release.version != readVersion
                            || (release.status != WarehouseRelease.Status.PENDING
                            && release.status != WarehouseRelease.Status.SENDING)) {
                        return Uni.createFrom().<WarehouseRelease>nullItem();
                    }
                    release.status = WarehouseRelease.Status.SENDING;
                    release.claimedAt = clock.instant();
                    return Uni.createFrom().item(release);
                }))
                .map(release -> release == null ? null : release.version)
                .onFailure().recoverWithNull();
    }

    public Uni<Void> handedOver(String reference, int claimedVersion) {
        return SagaTransaction.run(() -> WarehouseRelease.<WarehouseRelease>findById(reference).chain(release -> {
            if (release == null || release.status != WarehouseRelease.Status.SENDING || release.version != claimedVersion) {
                return Uni.createFrom().voidItem();
            }
            release.status = WarehouseRelease.Status.HANDED_OVER;
            release.handedOverAt = clock.instant();
            release.attempts++;
            return CustomerOrder.<CustomerOrder>findById(release.orderId).chain(order -> coordinator.decide(
                    release.orderId, ChangeSource.partner(release.partnerId), order.eventContext(),
                    (saga, facts, now) -> coordinator.saga().onHandedToWarehouse(saga, facts, release.warehouseId,
                            now))).replaceWithVoid();
        }));
    }

    /** Records a failed attempt; the saga's release deadline puts the order on hold if the partner stays away. */
    public Uni<Void> failed(String reference, Throwable failure) {
        return SagaTransaction.run(() -> WarehouseRelease.<WarehouseRelease>findById(reference).invoke(release -> {
            if (release != null && release.status == WarehouseRelease.Status.SENDING) {
                release.status = WarehouseRelease.Status.PENDING;
                release.claimedAt = null;
                release.attempts++;
                release.lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
        })).replaceWithVoid();
    }
}
