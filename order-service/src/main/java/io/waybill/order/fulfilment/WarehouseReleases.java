package io.waybill.order.fulfilment;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.FulfilmentPart;
import io.waybill.order.saga.OrderSaga;
import io.waybill.order.saga.SagaOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes, withdraws and cancels warehouse releases for the saga, in the saga's transaction. */
@ApplicationScoped
public class WarehouseReleases {

    private final Clock clock;

    public WarehouseReleases(Clock clock) {
        this.clock = clock;
    }

    /**
     * Queues one part's release for its partner link; a re-release (after a retry) replaces the earlier one of the
     * same reference.
     */
    public Uni<Void> schedule(CustomerOrder order, OrderSaga saga, SagaOutcome.Release release) {
        FulfilmentPart part = saga.partIn(release.warehouseId()).orElseThrow(() -> new IllegalStateException(
                "Order " + order.orderId + " has no part in " + release.warehouseId() + " to release"));
        ReleaseDocument document = new ReleaseDocument(release.reference(), order.orderId, order.customerId,
                release.warehouseId(), release.partnerId(), order.shipTo(), part.lines(), order.serviceLevel,
                part.carrierId(), part.shipmentId(), part.trackingNumber());
        return WarehouseRelease.<WarehouseRelease>findById(release.reference()).chain(found -> {
            WarehouseRelease row = found != null ? found : new WarehouseRelease();
            row.reference = release.reference();
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
     * Takes the order's releases back. One the partner link has not touched yet is simply withdrawn. One the
     * partner has, or may have (handed over, or being handed over right now), also needs the partner to cancel it: a
     * cancellation is queued for the link, and the partner's answer goes to the saga.
     *
     * @return the warehouses whose partners must confirm; a release that never left is not among them
     */
    public Uni<Set<String>> cancel(String orderId, String reason) {
        return WarehouseRelease.<WarehouseRelease>list("orderId", orderId)
                .chain(releases -> Multi.createFrom().iterable(releases)
                        .onItem().transformToUniAndConcatenate(release -> cancel(release, reason))
                        .collect().asList())
                .map(WarehouseReleases::mustAnswer);
    }

    private static Set<String> mustAnswer(List<String> warehouses) {
        Set<String> result = new HashSet<>(warehouses);
        result.remove("");
        return result;
    }

    /** @return the release's warehouse if its partner must confirm, else "" */
    private Uni<String> cancel(WarehouseRelease release, String reason) {
        if (release.status == WarehouseRelease.Status.WITHDRAWN) {
            return Uni.createFrom().item("");
        }
        boolean partnerMayHaveIt = release.status != WarehouseRelease.Status.PENDING;
        release.status = WarehouseRelease.Status.WITHDRAWN;
        if (!partnerMayHaveIt) {
            return Uni.createFrom().item("");
        }
        return WarehouseCancellation.of(release.reference, release.partnerId).chain(found -> {
            WarehouseCancellation row = found != null ? found : new WarehouseCancellation();
            row.id = WarehouseCancellation.idOf(release.reference, release.partnerId);
            row.releaseReference = release.reference;
            row.orderId = release.orderId;
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
            return (found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid())
                    .replaceWith(release.warehouseId);
        });
    }
}
