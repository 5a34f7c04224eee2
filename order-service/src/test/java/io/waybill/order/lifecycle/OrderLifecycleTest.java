package io.waybill.order.lifecycle;

import io.waybill.model.order.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static io.waybill.model.order.OrderStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theHappyPathFromReceiptToInvoiceIsLegalStepByStep() {
        CustomerOrder order = CustomerOrder.received("ord-1", NOW);
        for (OrderStatus next : List.of(VALIDATED, ALLOCATING, ALLOCATED, BOOKING, BOOKED, RELEASED, SHIPPED,
                DELIVERED, INVOICED)) {
            order.moveTo(next, "next", NOW);
        }
        assertEquals(INVOICED, order.status());
    }

    @Test
    void anOrderCannotSkipAllocationAndGoStraightToRelease() {
        CustomerOrder order = CustomerOrder.received("ord-1", NOW);
        order.moveTo(VALIDATED, null, NOW);
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> order.moveTo(RELEASED, "shortcut", NOW));
        assertEquals(409, refused.status());
        assertEquals(VALIDATED, order.status(), "a refused transition leaves the order as it was");
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"SHIPPED", "DELIVERED", "INVOICED", "CANCELLED"})
    void goodsThatLeftTheBuildingOrACancelledOrderCannotBeCancelledOrHeld(OrderStatus status) {
        assertTrue(!OrderLifecycle.allows(status, CANCELLED) && !OrderLifecycle.allows(status, ON_HOLD));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"INVOICED", "CANCELLED"})
    void terminalStatesHaveNoWayOut(OrderStatus status) {
        assertTrue(OrderLifecycle.next(status).isEmpty());
    }

    @Test
    void everyStatusBeforeShippingCanBeHeldAndCancelled() {
        for (OrderStatus status : List.of(RECEIVED, VALIDATED, ALLOCATING, ALLOCATED, BOOKING, BOOKED, RELEASED)) {
            assertTrue(OrderLifecycle.allows(status, ON_HOLD), status + " -> ON_HOLD");
            assertTrue(OrderLifecycle.cancellable(status), status + " -> CANCELLED");
        }
    }

    @Test
    void aCancelledOrderCannotBeRevived() {
        CustomerOrder order = CustomerOrder.received("ord-1", NOW);
        order.moveTo(CANCELLED, "duplicate", NOW);
        for (OrderStatus any : OrderStatus.values()) {
            assertThrows(IllegalTransitionException.class, () -> order.moveTo(any, "revive", NOW));
        }
    }
}
