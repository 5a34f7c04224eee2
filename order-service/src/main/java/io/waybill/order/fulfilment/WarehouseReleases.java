package io.waybill.order.fulfilment;

import io.smallrye.mutiny.Uni;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.OrderSaga;
import io.waybill.order.saga.SagaOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Writes and withdraws warehouse releases for the saga, in the saga's transaction. */
@ApplicationScoped
public class WarehouseReleases {

    private final Clock clock;

    public WarehouseReleases(Clock clock) {
        this.clock = clock;
    }

    /** Queues the order's release for its partner link; a re-release (after a retry) replaces the earlier one. */
    public Uni<Void> schedule(CustomerOrder order, OrderSaga saga, SagaOutcome.Release release) {
        ReleaseDocument document = new ReleaseDocument(order.orderId, order.customerId, release.warehouseId(),
                release.partnerId(), order.shipTo(), order.lines(), order.serviceLevel, saga.carrierId,
                saga.shipmentId, saga.trackingNumber);
        return WarehouseRelease.<WarehouseRelease>findById(order.orderId).chain(found -> {
            WarehouseRelease row = found != null ? found : new WarehouseRelease();
            row.orderId = order.orderId;
            row.partnerId = release.partnerId();
            row.warehouseId = release.warehouseId();
            row.link = release.link();
            row.status = WarehouseRelease.Status.PENDING;
            row.document(document);
            row.createdAt = clock.instant();
            row.handedOverAt = null;
            row.attempts = 0;
            row.lastError = null;
            return found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
        });
    }

    public Uni<Void> withdraw(String orderId) {
        return WarehouseRelease.<WarehouseRelease>findById(orderId).invoke(found -> {
            if (found != null) {
                found.status = WarehouseRelease.Status.WITHDRAWN;
            }
        }).replaceWithVoid();
    }
}
