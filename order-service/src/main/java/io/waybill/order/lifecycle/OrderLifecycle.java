package io.waybill.order.lifecycle;

import io.waybill.model.order.OrderStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.waybill.model.order.OrderStatus.*;

/**
 * The order lifecycle: the only place that says which status may follow which. {@link CustomerOrder#moveTo} asks
 * it before every change, so an illegal transition cannot be written, whoever tries (REST, saga, operator, 3PL).
 * <pre>
 * RECEIVED -> VALIDATED -> ALLOCATING -> ALLOCATED -> BOOKING -> BOOKED -> RELEASED -> SHIPPED -> DELIVERED -> INVOICED
 *                 any state before SHIPPED -> ON_HOLD | CANCELLED;  ON_HOLD -> VALIDATED | ALLOCATING | BOOKING | BOOKED (retry)
 *                 BOOKING | BOOKED | RELEASED -> ALLOCATING (pick shortage or lost reservation: reserved again)
 *                 ON_HOLD -> SHIPPED (a held order's partner had shipped before it could cancel)
 * </pre>
 */
public final class OrderLifecycle {

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = new EnumMap<>(OrderStatus.class);

    static {
        allow(RECEIVED, VALIDATED, ON_HOLD, CANCELLED);
        allow(VALIDATED, ALLOCATING, ON_HOLD, CANCELLED);
        allow(ALLOCATING, ALLOCATED, ON_HOLD, CANCELLED);
        allow(ALLOCATED, BOOKING, ON_HOLD, CANCELLED);
        allow(BOOKING, BOOKED, ALLOCATING, ON_HOLD, CANCELLED);
        allow(BOOKED, RELEASED, ALLOCATING, ON_HOLD, CANCELLED);
        allow(RELEASED, SHIPPED, ALLOCATING, ON_HOLD, CANCELLED);
        // Once goods have left the building there is nothing to cancel or hold: returns are a separate flow.
        allow(SHIPPED, DELIVERED, INVOICED);
        allow(DELIVERED, INVOICED);
        allow(INVOICED);
        allow(CANCELLED);
        // An operator's retry resumes where the order stopped: re-reserve, re-book, or release again. A held order
        // being cancelled whose partner had already shipped follows its goods.
        allow(ON_HOLD, VALIDATED, ALLOCATING, BOOKING, BOOKED, SHIPPED, CANCELLED);
    }

    private OrderLifecycle() {
    }

    public static boolean allows(OrderStatus from, OrderStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** @throws IllegalTransitionException if the lifecycle does not allow {@code from -> to} */
    public static void check(String orderId, OrderStatus from, OrderStatus to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException(orderId, from, to);
        }
    }

    public static Set<OrderStatus> next(OrderStatus from) {
        return Set.copyOf(NEXT.get(from));
    }

    /** Cancellable while nothing has physically left the warehouse. */
    public static boolean cancellable(OrderStatus status) {
        return allows(status, CANCELLED);
    }

    private static void allow(OrderStatus from, OrderStatus... to) {
        NEXT.put(from, to.length == 0 ? EnumSet.noneOf(OrderStatus.class) : EnumSet.of(to[0], to));
    }
}
