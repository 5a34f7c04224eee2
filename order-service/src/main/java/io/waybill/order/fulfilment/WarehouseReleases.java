package io.waybill.order.fulfilment;

import io.smallrye.mutiny.Uni;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.OrderSaga;
import io.waybill.order.saga.SagaOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Writes, withdraws and cancels warehouse releases for the saga, in the saga's transaction. */
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
            row.claimedAt = null;
            row.attempts = 0;
            row.lastError = null;
            return found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
        });
    }

    /**
     * Takes the order's release back. One the partner link has not touched yet is simply withdrawn. One the partner
     * has, or may have (handed over, or being handed over right now), also needs the partner to cancel it: a
     * cancellation is queued for the link, and the partner's answer goes to the saga.
     *
     * @return whether the partner must confirm (true), or the release never left (false)
     */
    public Uni<Boolean> cancel(String orderId, String reason) {
        return WarehouseRelease.<WarehouseRelease>findById(orderId).chain(release -> {
            if (release == null || release.status == WarehouseRelease.Status.WITHDRAWN) {
                return Uni.createFrom().item(false);
            }
            boolean partnerMayHaveIt = release.status != WarehouseRelease.Status.PENDING;
            release.status = WarehouseRelease.Status.WITHDRAWN;
            if (!partnerMayHaveIt) {
                return Uni.createFrom().item(false);
            }
            return WarehouseCancellation.of(orderId, release.partnerId).chain(found -> {
                WarehouseCancellation row = found != null ? found : new WarehouseCancellation();
                row.id = WarehouseCancellation.idOf(orderId, release.partnerId);
                row.orderId = orderId;
                row.partnerId = release.partnerId;
                row.warehouseId = release.warehouseId;
                row.link = release.link;
                row.status = WarehouseCancellation.Status.REQUESTED;
                row.reason = reason;
                row.requestedAt = clock.instant();
                row.sentAt = null;
                row.answeredAt = null;
                row.attempts = 0;
                row.lastError = null;
                return (found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid()).replaceWith(true);
            });
        });
    }
}
