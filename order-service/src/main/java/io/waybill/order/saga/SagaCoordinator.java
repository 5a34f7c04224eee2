package io.waybill.order.saga;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventType;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.order.fulfilment.WarehouseReleases;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.lifecycle.OrderTransitions;
import io.waybill.order.routing.RoutingDecision;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Runs saga decisions: loads the order and its saga, lets {@link OrderFulfilmentSaga} decide, then carries the
 * outcome out in the caller's transaction: lifecycle moves (audited, status-changed published), commands to the
 * participants through the outbox, the warehouse release, the trail. A decision and its effects commit together.
 */
@ApplicationScoped
public class SagaCoordinator {

    private static final Logger LOG = Logger.getLogger(SagaCoordinator.class);

    /** A decision about one order: given its saga and facts, what to do. */
    @FunctionalInterface
    public interface Decision {
        SagaOutcome decide(OrderSaga saga, SagaOrder order, Instant now);
    }

    private final OrderFulfilmentSaga saga;
    private final OrderTransitions transitions;
    private final Outbox outbox;
    private final WarehouseReleases releases;
    private final Clock clock;

    public SagaCoordinator(OrderFulfilmentSaga saga, OrderTransitions transitions, Outbox outbox,
                           WarehouseReleases releases, Clock clock) {
        this.saga = saga;
        this.transitions = transitions;
        this.outbox = outbox;
        this.releases = releases;
        this.clock = clock;
    }

    /** Starts the saga of a just-accepted order (same transaction as the intake). */
    public Uni<Void> start(CustomerOrder order, RoutingDecision route, ChangeSource source, EventContext context) {
        Instant now = clock.instant();
        OrderSaga state = OrderSaga.begin(order.orderId, now);
        SagaOutcome outcome = saga.start(state, SagaOrder.of(order), route, now);
        return state.persist().chain(() -> apply(order, state, outcome, source, context));
    }

    /** Routing rule name of a saga that never started because its order failed validation (held at intake). */
    public static final String UNROUTED = "unrouted";

    /** An order that failed validation but must be kept (Odoo sold it): a held saga an operator can retry or cancel. */
    public Uni<Void> startHeld(CustomerOrder order, String reason) {
        Instant now = clock.instant();
        OrderSaga state = OrderSaga.begin(order.orderId, now);
        state.routingRule = UNROUTED;
        state.step = SagaStep.HELD;
        state.holdReason = reason;
        SagaTrailEntry entry = new SagaTrailEntry();
        entry.orderId = order.orderId;
        entry.at = now;
        entry.step = SagaStep.HELD;
        entry.kind = "HOLD";
        entry.detail = reason;
        return state.persist().chain(entry::persist).replaceWithVoid();
    }

    /** Starts the saga of an order held at intake once it validates (operator retry after reference data arrived). */
    public Uni<Void> startAfterHold(CustomerOrder order, RoutingDecision route, ChangeSource source, EventContext context) {
        return OrderSaga.<OrderSaga>findById(order.orderId).chain(state -> {
            Instant now = clock.instant();
            state.heldAtStep = null;
            state.holdReason = null;
            SagaOutcome outcome = saga.start(state, SagaOrder.of(order), route, now);
            return apply(order, state, outcome, source, context);
        });
    }

    /**
     * Applies one decision to an existing order. Unknown orders are reported as 404 to callers that asked about
     * one; participants' replies for unknown orders are logged and skipped by {@link #onReply}.
     */
    public Uni<CustomerOrder> decide(String orderId, ChangeSource source, EventContext context, Decision decision) {
        return load(orderId).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(ProblemException.notFound("order", "No order " + orderId));
            }
            return run(found, source, context, decision).replaceWith(found.order());
        });
    }

    /** A participant's reply: like {@link #decide}, but a reply about an order this service does not know is skipped. */
    public Uni<Void> onReply(String orderId, ChangeSource source, EventContext context, Decision decision) {
        return load(orderId).chain(found -> {
            if (found == null) {
                LOG.warnf("Reply from %s about unknown order %s skipped", source.actor(), orderId);
                return Uni.createFrom().voidItem();
            }
            return run(found, source, context, decision);
        });
    }

    private Uni<Void> run(Loaded found, ChangeSource source, EventContext context, Decision decision) {
        Instant now = clock.instant();
        SagaOutcome outcome = decision.decide(found.saga(), SagaOrder.of(found.order()), now);
        return apply(found.order(), found.saga(), outcome, source, context);
    }

    private record Loaded(CustomerOrder order, OrderSaga saga) {
    }

    private Uni<Loaded> load(String orderId) {
        if (orderId == null) {
            return Uni.createFrom().nullItem();
        }
        return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> order == null
                ? Uni.createFrom().<Loaded>nullItem()
                : OrderSaga.<OrderSaga>findById(orderId).map(s -> s == null ? null : new Loaded(order, s)));
    }

    private Uni<Void> apply(CustomerOrder order, OrderSaga state, SagaOutcome outcome, ChangeSource source,
                            EventContext context) {
        EventContext ctx = context.forCustomer(order.customerId);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SagaOutcome.StatusMove move : outcome.moves()) {
            chain = chain.chain(() -> transitions.transition(order, move.status(), move.reason(), source, ctx));
        }
        for (SagaOutcome.Command command : outcome.commands()) {
            chain = chain.chain(() -> send(command.type(), order.orderId, command.payload(), ctx).replaceWithVoid());
        }
        if (outcome.releaseWithdrawal().isPresent()) {
            chain = chain.chain(() -> releases.cancel(order.orderId, outcome.releaseWithdrawal().get()).replaceWithVoid());
        }
        for (SagaOutcome.Release release : outcome.releases()) {
            chain = chain.chain(() -> releases.schedule(order, state, release));
        }
        Instant now = clock.instant();
        for (SagaOutcome.TrailEntry line : outcome.trail()) {
            chain = chain.chain(() -> {
                SagaTrailEntry entry = new SagaTrailEntry();
                entry.orderId = order.orderId;
                entry.at = now;
                entry.step = state.step;
                entry.kind = line.kind();
                entry.detail = line.detail();
                return entry.persist().replaceWithVoid();
            });
        }
        if (outcome.releaseCancellation().isPresent()) {
            // A release the partner never saw needs no answer from it: that part's cancellation completes at once,
            // in this transaction. Otherwise the partner link sends the cancellation and the answer comes back later.
            chain = chain.chain(() -> releases.cancel(order.orderId, outcome.releaseCancellation().get()))
                    .chain(mustAnswer -> answerUnseenReleases(order, state, mustAnswer, source, context));
        }
        return chain;
    }

    private Uni<Void> answerUnseenReleases(CustomerOrder order, OrderSaga state, Set<String> warehousesThatMustAnswer,
                                           ChangeSource source, EventContext context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FulfilmentPart part : List.copyOf(state.parts)) {
            if (part.cancelAnswer() == FulfilmentPart.CancelAnswer.ASKED
                    && !warehousesThatMustAnswer.contains(part.warehouseId())) {
                chain = chain.chain(() -> apply(order, state, saga.onReleaseCancelled(state, SagaOrder.of(order),
                        part.warehouseId(), part.partnerId(), "the release had not reached " + part.partnerId(),
                        clock.instant()), source, context));
            }
        }
        return chain;
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<?> send(EventType<T> type, String subject, Object payload, EventContext context) {
        return outbox.append(type, subject, (T) payload, context);
    }

    /** Exposed for callers that hold the decisions (sweep, operators, partner links). */
    public OrderFulfilmentSaga saga() {
        return saga;
    }
}
