package io.waybill.inventory.reservation;

import io.waybill.events.inventory.ReservationRejected;
import io.waybill.inventory.reservation.Allocator.Allocated;
import io.waybill.inventory.reservation.Allocator.Demand;
import io.waybill.inventory.reservation.Allocator.Rejected;
import io.waybill.inventory.reservation.Allocator.Slot;
import io.waybill.model.UnitOfMeasure;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The allocation rules on their own, without a database. */
class AllocatorRulesTest {

    private static Demand demand(String line, String sku, int quantity) {
        return new Demand(line, sku, BigDecimal.valueOf(quantity), UnitOfMeasure.EACH);
    }

    private static Slot slot(long id, String warehouse, String sku, String lot, int available) {
        return new Slot(id, warehouse, sku, lot, UnitOfMeasure.EACH, BigDecimal.valueOf(available));
    }

    private static String takes(Allocator.Plan plan) {
        return assertInstanceOf(Allocated.class, plan).takes().stream()
                .map(t -> t.lineId() + ":" + t.slot().warehouseId() + "/" + t.slot().lot() + "=" + t.quantity())
                .toList().toString();
    }

    @Test
    void lotsAreUsedOldestLotCodeFirstThenLotlessStock() {
        var plan = Allocator.plan(List.of(demand("1", "MUG", 5)), List.of("A"), false,
                List.of(slot(1, "A", "MUG", null, 10), slot(2, "A", "MUG", "L2", 2), slot(3, "A", "MUG", "L1", 2)));
        assertEquals("[1:A/L1=2, 1:A/L2=2, 1:A/null=1]", takes(plan));
    }

    @Test
    void twoLinesOfTheSameSkuCompeteForTheSameStock() {
        var plan = Allocator.plan(List.of(demand("1", "MUG", 3), demand("2", "MUG", 3)), List.of("A", "B"), false,
                List.of(slot(1, "A", "MUG", null, 5), slot(2, "B", "MUG", null, 6)));
        assertEquals("[1:B/null=3, 2:B/null=3]", takes(plan), "A cannot hold both lines; B can");
    }

    @Test
    void stockInAnotherUnitIsNotCounted() {
        var plan = Allocator.plan(List.of(demand("1", "MUG", 2)), List.of("A"), true,
                List.of(new Slot(1, "A", "MUG", null, UnitOfMeasure.CASE, BigDecimal.TEN)));
        assertEquals(ReservationRejected.INSUFFICIENT_STOCK, assertInstanceOf(Rejected.class, plan).reason());
    }

    @Test
    void warehousesOutsideTheCandidatesAreNeverUsed() {
        var plan = Allocator.plan(List.of(demand("1", "MUG", 2)), List.of("A"), true,
                List.of(slot(1, "A", "MUG", null, 1), slot(2, "Z", "MUG", null, 100)));
        Rejected rejected = assertInstanceOf(Rejected.class, plan);
        assertEquals(0, BigDecimal.ONE.compareTo(rejected.shortfalls().get(0).available()));
    }
}
