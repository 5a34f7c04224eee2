package io.waybill.order.saga;

import io.waybill.events.EventType;
import io.waybill.model.order.OrderStatus;
import io.waybill.order.routing.RoutingRules.PartnerLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one saga decision asks for, in order: lifecycle moves, commands to participants (events), a release to a
 * warehouse, and lines for the operator's trail. {@link SagaCoordinator} carries it out in the decision's
 * transaction; tests read it directly.
 */
public final class SagaOutcome {

    public record Command(EventType<?> type, Object payload) {
    }

    public record StatusMove(OrderStatus status, String reason) {
    }

    public record TrailEntry(String kind, String detail) {
    }

    /** A release of one fulfilment part to its warehouse's partner, known to the partner as {@code reference}. */
    public record Release(String reference, String warehouseId, String partnerId, PartnerLink link) {
    }

    private final List<Command> commands = new ArrayList<>();
    private final List<StatusMove> moves = new ArrayList<>();
    private final List<TrailEntry> trail = new ArrayList<>();
    private final List<Release> releases = new ArrayList<>();
    private String releaseWithdrawn;
    private String releaseCancellation;

    SagaOutcome send(EventType<?> type, Object payload) {
        commands.add(new Command(type, payload));
        return this;
    }

    SagaOutcome move(OrderStatus status, String reason) {
        moves.add(new StatusMove(status, reason));
        return this;
    }

    SagaOutcome note(String kind, String detail) {
        trail.add(new TrailEntry(kind, detail));
        return this;
    }

    SagaOutcome release(Release release) {
        releases.add(release);
        return this;
    }

    /** Take the order's releases back; a partner that may have one is asked to cancel it. Nothing waits for answers. */
    SagaOutcome withdrawRelease(String reason) {
        this.releaseWithdrawn = reason;
        return this;
    }

    /**
     * Take the order's releases back as part of cancelling it, and wait for each partner's answer before giving the
     * stock back ({@link OrderFulfilmentSaga#onReleaseCancelled}); a release the partner never saw is answered at
     * once.
     */
    SagaOutcome cancelRelease(String reason) {
        this.releaseCancellation = reason;
        return this;
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    public List<StatusMove> moves() {
        return List.copyOf(moves);
    }

    public List<TrailEntry> trail() {
        return List.copyOf(trail);
    }

    /** The releases to hand to partners, one per fulfilment part released by this decision. */
    public List<Release> releases() {
        return List.copyOf(releases);
    }

    public boolean releaseWithdrawn() {
        return releaseWithdrawn != null;
    }

    public Optional<String> releaseWithdrawal() {
        return Optional.ofNullable(releaseWithdrawn);
    }

    /** The reason of a cancellation that must reach the partner, if the order is being cancelled after release. */
    public Optional<String> releaseCancellation() {
        return Optional.ofNullable(releaseCancellation);
    }
}
