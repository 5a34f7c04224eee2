package io.waybill.order.lifecycle;

import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.order.OrderStatus;

/** A status change the lifecycle forbids; answered as 409 when it comes from a request. */
public class IllegalTransitionException extends ProblemException {

    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalTransitionException(String orderId, OrderStatus from, OrderStatus to) {
        super(409, "illegal-order-transition", "The order cannot make this transition",
                "Order " + orderId + " is " + from + " and cannot become " + to);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
