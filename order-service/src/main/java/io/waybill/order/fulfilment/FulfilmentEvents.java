package io.waybill.order.fulfilment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.OrderFulfilmentSaga;
import io.waybill.order.saga.Replies;
import io.waybill.order.saga.SagaCoordinator;
import io.waybill.order.saga.SagaTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Applies partner fulfilment events to orders, once each: acknowledgements and pick/pack progress go to the saga
 * trail, a ship confirmation ships the order, a shortage goes to the saga (reallocate or hold). A partner can only
 * speak about orders released to it; anything else is "not found", so partners learn nothing about others' orders.
 */
@ApplicationScoped
public class FulfilmentEvents {

    public enum Result { APPLIED, DUPLICATE }

    private final SagaCoordinator coordinator;
    private final CancellationAnswers cancellations;
    private final Clock clock;

    public FulfilmentEvents(SagaCoordinator coordinator, CancellationAnswers cancellations, Clock clock) {
        this.coordinator = coordinator;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    /** Applies one event in its own transaction. */
    public Uni<Result> apply(FulfilmentEvent event) {
        if (event.kind() == FulfilmentEvent.Kind.CANCELLED || event.kind() == FulfilmentEvent.Kind.CANCEL_REFUSED) {
            return answerCancellation(event);
        }
        return SagaTransaction.run(() -> WarehouseRelease.<WarehouseRelease>findById(event.releaseReference())
                .chain(release -> {
                    if (release == null || !release.partnerId.equals(event.partnerId())) {
                        return Uni.createFrom().failure(ProblemException.notFound("release",
                                "No release " + event.releaseReference() + " for partner " + event.partnerId()));
                    }
                    return firstTime(event, release.orderId).chain(first -> first
                            ? decide(event, release).replaceWith(Result.APPLIED)
                            : Uni.createFrom().item(Result.DUPLICATE));
                }));
    }

    /**
     * The partner's answer to a cancellation we sent it. Only a partner we asked may answer (others: not found);
     * the release itself may meanwhile have been replaced by one to another warehouse.
     */
    private Uni<Result> answerCancellation(FulfilmentEvent event) {
        return SagaTransaction.run(() -> WarehouseCancellation.of(event.releaseReference(), event.partnerId())
                .chain(cancellation -> {
                    if (cancellation == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("cancellation",
                                "No cancellation of " + event.releaseReference() + " for partner " + event.partnerId()));
                    }
                    return firstTime(event, cancellation.orderId).chain(first -> first
                            ? cancellations.answer(event.releaseReference(), event.partnerId(),
                                    event.kind() == FulfilmentEvent.Kind.CANCELLED
                                            ? WarehouseCancellation.Status.CONFIRMED
                                            : WarehouseCancellation.Status.REFUSED,
                                    event.kind() == FulfilmentEvent.Kind.CANCELLED
                                            ? event.partnerId() + " cancelled the release"
                                            : event.partnerId() + " had already shipped the release")
                                    .replaceWith(Result.APPLIED)
                            : Uni.createFrom().item(Result.DUPLICATE));
                }));
    }

    private Uni<Boolean> firstTime(FulfilmentEvent event, String orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO partner_event (partner_id, partner_event_id, order_id, kind, received_at)
                        VALUES (:partner, :id, :order, :kind, :at) ON CONFLICT DO NOTHING""")
                .setParameter("partner", event.partnerId())
                .setParameter("id", event.partnerEventId())
                .setParameter("order", orderId)
                .setParameter("kind", event.kind().name())
                .setParameter("at", clock.instant())
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    private Uni<Void> decide(FulfilmentEvent event, WarehouseRelease release) {
        ChangeSource source = ChangeSource.partner(event.partnerId());
        OrderFulfilmentSaga saga = coordinator.saga();
        return CustomerOrder.<CustomerOrder>findById(release.orderId)
                .chain(order -> coordinator.decide(release.orderId, source, order.eventContext(),
                        (state, facts, now) -> switch (event.kind()) {
                            case ACKNOWLEDGED -> saga.onAcknowledged(state, facts, release.warehouseId,
                                    event.partnerId(), now);
                            case PICKED, PACKED -> saga.onWarehouseProgress(state,
                                    event.partnerId() + " " + event.kind().name().toLowerCase());
                            case SHIPPED -> saga.onShippedFrom(state, facts, release.warehouseId, "shipped by "
                                    + event.partnerId()
                                    + (event.trackingNumber() == null ? "" : ", tracking " + event.trackingNumber()), now);
                            case SHORTAGE -> saga.onPickShortage(state, facts, new Replies.PickShortage(
                                    release.warehouseId, event.sku(),
                                    event.quantity() == null ? "?" : event.quantity().toPlainString(),
                                    event.partnerId()), now);
                            case CANCELLED, CANCEL_REFUSED -> throw new IllegalStateException("answered above");
                        }))
                .replaceWithVoid();
    }
}
