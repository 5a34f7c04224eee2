package io.waybill.inventory.reservation;

import io.waybill.events.inventory.ReservationRejected;
import io.waybill.model.UnitOfMeasure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides where an order's lines are taken from; pure, so the rules read and test without a database.
 * <ol>
 *     <li>One shipment is cheaper than two: the first candidate warehouse (in routing order) that holds every
 *     line in full takes the whole order.</li>
 *     <li>Only if none does and the order allows split shipments, each line is taken from the candidates in
 *     routing order, as much as each holds, spilling over to the next.</li>
 *     <li>Otherwise nothing is allocated: reservations are all or nothing, and the rejection says which SKUs are
 *     short, so the saga can hold the order with a reason an operator can act on.</li>
 * </ol>
 * Within a warehouse, lots are used in lot order (oldest lot codes first), then lot-less stock.
 */
public final class Allocator {

    private Allocator() {
    }

    /** One order line to allocate. */
    public record Demand(String lineId, String sku, BigDecimal quantity, UnitOfMeasure unit) {
    }

    /** Stock that may be allocated: a position's available quantity. */
    public record Slot(long positionId, String warehouseId, String sku, String lot, UnitOfMeasure unit,
                       BigDecimal available) {
    }

    /** A part of a line taken from one position. */
    public record Take(String lineId, Slot slot, BigDecimal quantity) {
    }

    public sealed interface Plan permits Allocated, Rejected {
    }

    public record Allocated(List<Take> takes) implements Plan {
    }

    public record Rejected(String reason, List<Shortfall> shortfalls) implements Plan {
    }

    /** What one SKU lacks: requested in total, and the most that could have been given. */
    public record Shortfall(String sku, UnitOfMeasure unit, BigDecimal requested, BigDecimal available) {
    }

    public static Plan plan(List<Demand> demands, List<String> candidateWarehouses, boolean allowSplit,
                            List<Slot> slots) {
        List<String> warehouses = List.copyOf(new LinkedHashSet<>(candidateWarehouses));
        Map<String, List<Slot>> stock = index(slots);

        for (String warehouse : warehouses) {
            if (coversEverything(demands, warehouse, stock)) {
                return new Allocated(take(demands, List.of(warehouse), stock));
            }
        }

        Map<String, BigDecimal> requested = requestedBySku(demands);
        List<Shortfall> shortOverall = new ArrayList<>();
        for (Demand demand : firstLinePerSku(demands)) {
            BigDecimal total = BigDecimal.ZERO;
            for (String warehouse : warehouses) {
                total = total.add(available(stock, warehouse, demand.sku(), demand.unit()));
            }
            if (total.compareTo(requested.get(demand.sku())) < 0) {
                shortOverall.add(new Shortfall(demand.sku(), demand.unit(), requested.get(demand.sku()), total));
            }
        }
        if (!shortOverall.isEmpty()) {
            return new Rejected(ReservationRejected.INSUFFICIENT_STOCK, shortOverall);
        }
        if (allowSplit) {
            return new Allocated(take(demands, warehouses, stock));
        }
        // Enough stock in total, but spread over warehouses and the order must ship in one piece: report, per SKU
        // short in the preferred warehouse, what that warehouse has.
        List<Shortfall> shortInPreferred = new ArrayList<>();
        String preferred = warehouses.get(0);
        for (Demand demand : firstLinePerSku(demands)) {
            BigDecimal there = available(stock, preferred, demand.sku(), demand.unit());
            if (there.compareTo(requested.get(demand.sku())) < 0) {
                shortInPreferred.add(new Shortfall(demand.sku(), demand.unit(), requested.get(demand.sku()), there));
            }
        }
        return new Rejected(ReservationRejected.SPLIT_NOT_ALLOWED, shortInPreferred);
    }

    private static boolean coversEverything(List<Demand> demands, String warehouse, Map<String, List<Slot>> stock) {
        Map<String, BigDecimal> requested = requestedBySku(demands);
        for (Demand demand : firstLinePerSku(demands)) {
            if (available(stock, warehouse, demand.sku(), demand.unit()).compareTo(requested.get(demand.sku())) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Takes every line from the warehouses in order; the caller has checked that they hold enough. */
    private static List<Take> take(List<Demand> demands, List<String> warehouses, Map<String, List<Slot>> stock) {
        Map<Long, BigDecimal> used = new HashMap<>();
        List<Take> takes = new ArrayList<>();
        for (Demand demand : demands) {
            BigDecimal remaining = demand.quantity();
            for (String warehouse : warehouses) {
                for (Slot slot : stock.getOrDefault(key(warehouse, demand.sku()), List.of())) {
                    if (remaining.signum() == 0) {
                        break;
                    }
                    if (slot.unit() != demand.unit()) {
                        continue;
                    }
                    BigDecimal left = slot.available().subtract(used.getOrDefault(slot.positionId(), BigDecimal.ZERO));
                    BigDecimal quantity = left.min(remaining);
                    if (quantity.signum() > 0) {
                        takes.add(new Take(demand.lineId(), slot, quantity));
                        used.merge(slot.positionId(), quantity, BigDecimal::add);
                        remaining = remaining.subtract(quantity);
                    }
                }
            }
            if (remaining.signum() > 0) {
                throw new IllegalStateException("Line " + demand.lineId() + " could not be taken in full");
            }
        }
        return takes;
    }

    private static Map<String, List<Slot>> index(List<Slot> slots) {
        Map<String, List<Slot>> stock = new HashMap<>();
        for (Slot slot : slots) {
            stock.computeIfAbsent(key(slot.warehouseId(), slot.sku()), k -> new ArrayList<>()).add(slot);
        }
        Comparator<Slot> lotOrder = Comparator.comparing(Slot::lot, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(Slot::positionId);
        stock.values().forEach(list -> list.sort(lotOrder));
        return stock;
    }

    private static BigDecimal available(Map<String, List<Slot>> stock, String warehouse, String sku,
                                        UnitOfMeasure unit) {
        return stock.getOrDefault(key(warehouse, sku), List.of()).stream()
                .filter(slot -> slot.unit() == unit)
                .map(Slot::available)
                .filter(available -> available.signum() > 0)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** An order may list one SKU on several lines: they compete for the same stock. */
    private static Map<String, BigDecimal> requestedBySku(List<Demand> demands) {
        Map<String, BigDecimal> requested = new LinkedHashMap<>();
        demands.forEach(d -> requested.merge(d.sku(), d.quantity(), BigDecimal::add));
        return requested;
    }

    private static List<Demand> firstLinePerSku(List<Demand> demands) {
        Map<String, Demand> first = new LinkedHashMap<>();
        demands.forEach(d -> first.putIfAbsent(d.sku(), d));
        return List.copyOf(first.values());
    }

    private static String key(String warehouse, String sku) {
        return Objects.requireNonNull(warehouse) + "\u0000" + sku;
    }
}
