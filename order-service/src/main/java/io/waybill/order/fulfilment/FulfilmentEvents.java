package io.waybill.order.fulfilment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.OrderFulfilmentSaga;
import io.waybill.order.saga.Replies;
import io.waybill.order.saga.SagaCoordinator;
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
    private final Clock clock;

    public FulfilmentEvents(SagaCoordinator coordinator, Clock clock) {
        this.coordinator = coordinator;
        this.clock = clock;
    }

    /** Applies one event in its own transaction. */
    public Uni<Result> apply(FulfilmentEvent event) {
        return Panache.withTransaction(() -> WarehouseRelease.<WarehouseRelease>findById(event.orderId())
                .chain(release -> {
                    if (release == null || !release.partnerId.equals(event.partnerId())) {
                        return Uni.createFrom().failure(ProblemException.notFound("release",
                                "No release " + event.orderId() + " for partner " + event.partnerId()));
                    }
                    return firstTime(event).chain(first -> first
                            ? decide(event, release).replaceWith(Result.APPLIED)
                            : Uni.createFrom().item(Result.DUPLICATE));
                }));
    }

    private Uni<Boolean> firstTime(FulfilmentEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO partner_event (partner_id, partner_event_id, order_id, kind, received_at)
                        VALUES (:partner, :id, :order, :kind, :at) ON CONFLICT DO NOTHING""")
                .setParameter("partner", event.partnerId())
                .setParameter("id", event.partnerEventId())
                .setParameter("order", event.orderId())
                .setParameter("kind", event.kind().name())
                .setParameter("at", clock.instant())
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    private Uni<Void> decide(FulfilmentEvent event, WarehouseRelease release) {
        ChangeSource source = ChangeSource.partner(event.partnerId());
        OrderFulfilmentSaga saga = coordinator.saga();
        return CustomerOrder.<CustomerOrder>findById(event.orderId())
                .chain(order -> coordinator.decide(event.orderId(), source, order.eventContext(),
                        (state, facts, now) -> switch (event.kind()) {
                            case ACKNOWLEDGED, PICKED, PACKED -> saga.onWarehouseProgress(state,
                                    event.partnerId() + " " + event.kind().name().toLowerCase());
                            case SHIPPED -> saga.onShipped(state, facts, "shipped by " + event.partnerId()
                                    + (event.trackingNumber() == null ? "" : ", tracking " + event.trackingNumber()), now);
                            case SHORTAGE -> saga.onPickShortage(state, facts, new Replies.PickShortage(
                                    release.warehouseId, event.sku(),
                                    event.quantity() == null ? "?" : event.quantity().toPlainString(),
                                    event.partnerId()), now);
                        }))
                .replaceWithVoid();
    }
}
