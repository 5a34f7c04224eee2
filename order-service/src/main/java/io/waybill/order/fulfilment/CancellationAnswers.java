package io.waybill.order.fulfilment;

import io.smallrye.mutiny.Uni;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.SagaCoordinator;
import io.waybill.order.saga.SagaTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * What every partner link does with a cancellation: record that it went out, or failed to, and hand the partner's
 * answer to the saga: confirmed (the stock may be given back), or refused because the goods already left.
 */
@ApplicationScoped
public class CancellationAnswers {

    private final SagaCoordinator coordinator;
    private final Clock clock;

    public CancellationAnswers(SagaCoordinator coordinator, Clock clock) {
        this.coordinator = coordinator;
        this.clock = clock;
    }

    /** A file link wrote the cancellation: the answer comes later, in the partner's confirmation files. */
    public Uni<Void> sent(String releaseReference, String partnerId, int version) {
        return SagaTransaction.run(() -> WarehouseCancellation.of(releaseReference, partnerId).invoke(row -> {
            if (row != null && row.version == version && row.status == WarehouseCancellation.Status.REQUESTED) {
                row.status = WarehouseCancellation.Status.SENT;
                row.sentAt = clock.instant();
                row.attempts++;
            }
        })).replaceWithVoid();
    }

    public Uni<Void> failed(String releaseReference, String partnerId, Throwable failure) {
        return SagaTransaction.run(() -> WarehouseCancellation.of(releaseReference, partnerId).invoke(row -> {
            if (row != null && row.status == WarehouseCancellation.Status.REQUESTED) {
                row.attempts++;
                row.lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
        })).replaceWithVoid();
    }

    /** The partner cancelled the release (or never had it); in its own transaction. */
    public Uni<Void> confirmed(String releaseReference, String partnerId, String how) {
        return SagaTransaction.run(() -> answer(releaseReference, partnerId, WarehouseCancellation.Status.CONFIRMED, how));
    }

    /** The partner could not cancel: the goods already left its warehouse; in its own transaction. */
    public Uni<Void> refused(String releaseReference, String partnerId, String why) {
        return SagaTransaction.run(() -> answer(releaseReference, partnerId, WarehouseCancellation.Status.REFUSED, why));
    }

    /** Records the answer and tells the saga, in the caller's transaction; a repeated answer changes nothing. */
    Uni<Void> answer(String releaseReference, String partnerId, WarehouseCancellation.Status answer, String detail) {
        return WarehouseCancellation.of(releaseReference, partnerId).chain(row -> {
            if (row == null || row.status == WarehouseCancellation.Status.CONFIRMED
                    || row.status == WarehouseCancellation.Status.REFUSED) {
                return Uni.createFrom().voidItem();
            }
            row.status = answer;
            row.answeredAt = clock.instant();
            var saga = coordinator.saga();
            return CustomerOrder.<CustomerOrder>findById(row.orderId).chain(order -> coordinator.decide(row.orderId,
                    ChangeSource.partner(partnerId), order.eventContext(), (state, facts, now) ->
                            answer == WarehouseCancellation.Status.CONFIRMED
                                    ? saga.onReleaseCancelled(state, facts, row.warehouseId, partnerId, detail, now)
                                    : saga.onReleaseCancelRefused(state, facts, row.warehouseId, partnerId, detail,
                                    now)))
                    .replaceWithVoid();
        });
    }
}
