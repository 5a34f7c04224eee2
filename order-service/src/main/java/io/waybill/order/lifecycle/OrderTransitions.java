package io.waybill.order.lifecycle;

import io.smallrye.mutiny.Uni;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.OrderStatusChanged;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.order.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Moves an order through its lifecycle: checks the transition ({@link OrderLifecycle}), appends the audit row and
 * publishes {@code waybill.order.status-changed.v1}, all in the caller's transaction.
 */
@ApplicationScoped
public class OrderTransitions {

    private final Outbox outbox;
    private final Clock clock;

    public OrderTransitions(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Records the first state of a new order (no previous status). Call after persisting the order. */
    public Uni<Void> recordReceived(CustomerOrder order, ChangeSource source, EventContext context) {
        return record(order, null, source, context);
    }

    public Uni<Void> transition(CustomerOrder order, OrderStatus next, String reason, ChangeSource source,
                                EventContext context) {
        OrderStatus previous = order.moveTo(next, reason, clock.instant());
        return record(order, previous, source, context);
    }

    private Uni<Void> record(CustomerOrder order, OrderStatus previous, ChangeSource source, EventContext context) {
        Instant at = order.statusChangedAt();
        StatusChange change = new StatusChange();
        change.orderId = order.orderId;
        change.previousStatus = previous;
        change.status = order.status();
        change.reason = order.statusReason();
        change.source = source.source();
        change.changedBy = source.actor();
        change.changedAt = at;
        OrderStatusChanged event = new OrderStatusChanged(order.orderId, order.customerId, previous, order.status(),
                order.statusReason(), at, source.source());
        return change.persist()
                .chain(() -> outbox.append(OrderEvents.STATUS_CHANGED, order.orderId, event,
                        context.forCustomer(order.customerId)))
                .replaceWithVoid();
    }
}
