package io.waybill.inventory.reservation;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReservationConfirmationRefused;
import io.waybill.events.inventory.ReservationRejected;
import io.waybill.events.inventory.ReservationReleased;
import io.waybill.events.inventory.StockReserved;
import io.waybill.events.order.StockReservationRequested;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.inventory.stock.Quantities;
import io.waybill.inventory.stock.StockItemEntity;
import io.waybill.inventory.stock.StockLedger;
import io.waybill.inventory.stock.StockLedger.Movement;
import io.waybill.inventory.stock.StockPositionEntity;
import io.waybill.model.Quantity;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.inventory.MovementType;
import io.waybill.model.inventory.ReservationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stock promised to orders, from the saga's request to the shipment leaving the warehouse:
 * <pre>
 *   reserve ──► HELD ──(shipment booked)──► CONFIRMED ──(every part picked up / delivered)──► CONSUMED
 *                 │                             │
 *                 ├──(TTL passed, swept)──► EXPIRED
 *                 └──(release requested)──► RELEASED ◄──┘
 * </pre>
 * An order split across warehouses ships one shipment per warehouse: each shipment consumes its warehouse's
 * allocations, and until the last one has left the rest stays reserved (a release gives back only that rest; a
 * release of some warehouses, a cancelled part, gives back only theirs and leaves the reservation open).
 * Every method runs inside the caller's transaction (an inbox handler's, or a {@code @WithTransaction} caller's)
 * and publishes its reply through the outbox in that same transaction. A reservation row is locked before its
 * state changes, so the expiry sweep and a confirmation or release arriving at the same moment cannot both win.
 */
@ApplicationScoped
public class Reservations {

    private static final Logger LOG = Logger.getLogger(Reservations.class);
    private static final List<ReservationStatus> ACTIVE = List.of(ReservationStatus.HELD, ReservationStatus.CONFIRMED);

    private final StockLedger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration ttl;

    public Reservations(StockLedger ledger, Outbox outbox, Clock clock,
                        @ConfigProperty(name = "waybill.inventory.reservation.ttl") Duration ttl) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Answers a stock-reservation request with {@code stock-reserved} or {@code reservation-rejected}. A repeated
     * request for an order that already holds stock gets the same reservation again, never a second one.
     */
    public Uni<Void> reserve(StockReservationRequested request, EventContext context) {
        return lockActive(request.orderId()).chain(active -> {
            if (!active.isEmpty()) {
                ReservationEntity held = active.get(0);
                LOG.infof("Order %s already holds reservation %s; repeating the answer", request.orderId(),
                        held.reservationId);
                if (held.status == ReservationStatus.HELD) {
                    // The saga asks again when it resumes (an operator's retry): the stock it still holds is held
                    // for another full TTL, so the booking that follows does not find it lapsed.
                    held.expiresAt = now().plus(ttl);
                }
                return replyReserved(held, context);
            }
            List<Allocator.Demand> demands = request.lines().stream()
                    .filter(line -> line.quantity().value().signum() > 0)
                    .map(line -> new Allocator.Demand(line.lineId(), line.sku(), line.quantity().value(),
                            line.quantity().unit()))
                    .toList();
            if (demands.isEmpty()) {
                throw new IllegalArgumentException("Order " + request.orderId() + " asks to reserve nothing");
            }
            List<String> skus = demands.stream().map(Allocator.Demand::sku).distinct().toList();
            return StockItemEntity.<StockItemEntity>list("sku in ?1", skus)
                    .map(items -> items.stream().collect(Collectors.toMap(i -> i.sku, i -> i.unit)))
                    .chain(units -> ledger.lock(skus, request.candidateWarehouses())
                            .chain(positions -> allocate(request, demands, units, positions, context)));
        });
    }

    private Uni<Void> allocate(StockReservationRequested request, List<Allocator.Demand> demands,
                               Map<String, UnitOfMeasure> units, List<StockPositionEntity> positions,
                               EventContext context) {
        List<Allocator.Slot> slots = positions.stream()
                .map(p -> new Allocator.Slot(p.id, p.warehouseId, p.sku, p.lot, units.get(p.sku), p.available()))
                .toList();
        Allocator.Plan plan = Allocator.plan(demands, request.candidateWarehouses(), request.allowSplit(), slots);
        return switch (plan) {
            case Allocator.Rejected rejected -> outbox.append(InventoryEvents.RESERVATION_REJECTED, request.orderId(),
                    new ReservationRejected(request.orderId(), rejected.reason(), rejected.shortfalls().stream()
                            .map(s -> new ReservationRejected.Shortage(s.sku(),
                                    new Quantity(Quantities.normalized(s.requested()), s.unit()),
                                    new Quantity(Quantities.normalized(s.available()), s.unit())))
                            .toList()),
                    context).replaceWithVoid();
            case Allocator.Allocated allocated -> hold(request.orderId(), allocated.takes(),
                    positions.stream().collect(Collectors.toMap(p -> p.id, Function.identity())), context);
        };
    }

    private Uni<Void> hold(String orderId, List<Allocator.Take> takes, Map<Long, StockPositionEntity> positions,
                           EventContext context) {
        OffsetDateTime now = now();
        ReservationEntity reservation = new ReservationEntity();
        reservation.reservationId = UUID.randomUUID();
        reservation.orderId = orderId;
        reservation.status = ReservationStatus.HELD;
        reservation.createdAt = now;
        reservation.expiresAt = now.plus(ttl);
        reservation.correlationId = context.correlationId();
        reservation.customerId = context.customerId();
        String reservationId = reservation.reservationId.toString();
        return reservation.<ReservationEntity>persist()
                .chain(() -> inSequence(takes, take -> {
                    StockPositionEntity position = positions.get(take.slot().positionId());
                    ReservationAllocationEntity allocation = new ReservationAllocationEntity();
                    allocation.reservationId = reservation.reservationId;
                    allocation.lineId = take.lineId();
                    allocation.positionId = position.id;
                    allocation.warehouseId = position.warehouseId;
                    allocation.sku = position.sku;
                    allocation.lot = position.lot;
                    allocation.unit = take.slot().unit();
                    allocation.quantity = take.quantity();
                    return ledger.record(position, Movement.reserve(take.quantity(), reservationId))
                            .chain(allocation::persist);
                }))
                .chain(() -> replyReserved(reservation, context));
    }

    private Uni<Void> replyReserved(ReservationEntity reservation, EventContext context) {
        return allocationsOf(reservation).chain(allocations -> outbox.append(InventoryEvents.STOCK_RESERVED,
                reservation.orderId,
                new StockReserved(reservation.orderId, reservation.reservationId.toString(),
                        allocations.stream().map(ReservationAllocationEntity::toModel).toList(),
                        reservation.expiresAt.toInstant()),
                context)).replaceWithVoid();
    }

    /**
     * Compensation: gives back whatever the order holds. Safe to repeat; a release for an order that holds
     * nothing (already released, expired or shipped) changes nothing.
     */
    public Uni<Void> release(String orderId, String reason, EventContext context) {
        return release(orderId, reason, null, context);
    }

    /**
     * Gives back what the order holds in {@code warehouseIds}, or everything it holds when they are absent or empty.
     * <p>
     * A release of some warehouses is a split order's cancelled part while another part is on the road (its
     * partner shipped before the cancellation reached it, and the carrier's scan that consumes it may come later):
     * only the still-reserved, unshipped allocations in those warehouses go back to available stock, each marked
     * released, and the rest stays reserved for the part that shipped. Such a release publishes
     * {@code reservation-released} only if it released the whole reservation (nothing of it shipped or is still
     * reserved), because order-service reads that event as "the order's reservation is lost"; if the rest has
     * already shipped, the reservation is used up (CONSUMED). Repeating it, or naming a warehouse whose part already
     * shipped, changes nothing.
     */
    public Uni<Void> release(String orderId, String reason, Collection<String> warehouseIds, EventContext context) {
        String why = reason == null || reason.isBlank() ? "release requested" : reason;
        Set<String> warehouses = warehouseIds == null ? Set.of() : Set.copyOf(warehouseIds);
        return lockActive(orderId).chain(active -> {
            if (active.isEmpty()) {
                LOG.infof("Release requested for order %s, which holds no stock", orderId);
            }
            return inSequence(active, r -> warehouses.isEmpty()
                    ? giveBack(r, ReservationStatus.RELEASED, why, context)
                    : giveBackIn(r, warehouses, why, context));
        });
    }

    /** Gives back a reservation's still-reserved allocations in some warehouses; closes it only if nothing is left. */
    private Uni<Void> giveBackIn(ReservationEntity reservation, Set<String> warehouses, String reason,
                                 EventContext context) {
        String reservationId = reservation.reservationId.toString();
        return allocationsOf(reservation).chain(allocations -> {
            List<ReservationAllocationEntity> returning = stillReserved(allocations).stream()
                    .filter(a -> warehouses.contains(a.warehouseId))
                    .toList();
            if (returning.isEmpty()) {
                LOG.infof("Release of %s requested for order %s, where reservation %s holds nothing (more)",
                        warehouses, reservation.orderId, reservationId);
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = now();
            return ledger.lockByIds(positionIds(returning)).chain(positions -> {
                Map<Long, StockPositionEntity> byId = positions.stream()
                        .collect(Collectors.toMap(p -> p.id, Function.identity()));
                return inSequence(returning, allocation -> {
                    allocation.releasedAt = now;
                    return ledger.record(byId.get(allocation.positionId),
                            Movement.release(allocation.quantity, reservationId, reason));
                });
            }).chain(() -> {
                if (!stillReserved(allocations).isEmpty()) {
                    // The rest is held for the parts that shipped, until their scans consume it.
                    return Uni.createFrom().voidItem();
                }
                if (allocations.stream().anyMatch(a -> a.consumedAt != null)) {
                    close(reservation, ReservationStatus.CONSUMED, "shipped with "
                            + String.join(", ", shipmentsOf(allocations, null)) + "; the rest released: " + reason);
                    return Uni.createFrom().voidItem();
                }
                close(reservation, ReservationStatus.RELEASED, reason);
                return outbox.append(InventoryEvents.RESERVATION_RELEASED, reservation.orderId,
                        new ReservationReleased(reservation.orderId, reservationId, reason), context)
                        .replaceWithVoid();
            });
        });
    }

    /** Expires one reservation if it is still only held and its time is up; false if something else won. */
    public Uni<Boolean> expireIfDue(UUID reservationId, OffsetDateTime asOf) {
        return ReservationEntity.<ReservationEntity>find("reservationId", reservationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(reservation -> {
                    if (reservation == null || reservation.status != ReservationStatus.HELD
                            || reservation.expiresAt.isAfter(asOf)) {
                        return Uni.createFrom().item(false);
                    }
                    return giveBack(reservation, ReservationStatus.EXPIRED, ReservationReleased.EXPIRED,
                            new EventContext(reservation.correlationId, null, reservation.customerId))
                            .replaceWith(true);
                });
    }

    private Uni<Void> giveBack(ReservationEntity reservation, ReservationStatus closedAs, String reason,
                               EventContext context) {
        String reservationId = reservation.reservationId.toString();
        // Parts that already shipped (one warehouse's shipment of a split order) are gone from the warehouse:
        // only what is still reserved can be given back.
        return allocationsOf(reservation).map(Reservations::stillReserved)
                .chain(held -> ledger.lockByIds(positionIds(held)).chain(positions -> {
                    Map<Long, StockPositionEntity> byId = positions.stream()
                            .collect(Collectors.toMap(p -> p.id, Function.identity()));
                    return inSequence(held, allocation -> ledger.record(byId.get(allocation.positionId),
                            Movement.release(allocation.quantity, reservationId, reason)));
                }))
                .invoke(() -> close(reservation, closedAs, reason))
                .chain(() -> outbox.append(InventoryEvents.RESERVATION_RELEASED, reservation.orderId,
                        new ReservationReleased(reservation.orderId, reservationId, reason), context))
                .replaceWithVoid();
    }

    /**
     * A booked shipment confirms the held stock: it no longer expires. If the order holds nothing any more (its
     * hold lapsed or was released before the booking came), the goods may already be promised to another order:
     * that is answered with {@code reservation-confirmation-refused}, so the saga does not release the order to a
     * warehouse on stock it no longer has.
     */
    public Uni<Void> confirm(String orderId, String shipmentId, EventContext context) {
        return lockActive(orderId).chain(active -> {
            if (!active.isEmpty()) {
                active.stream().filter(r -> r.status == ReservationStatus.HELD)
                        .forEach(r -> r.status = ReservationStatus.CONFIRMED);
                return Uni.createFrom().voidItem();
            }
            return ReservationEntity.<ReservationEntity>find("orderId = ?1 order by createdAt desc", orderId)
                    .firstResult()
                    .chain(latest -> {
                        String reason = latest == null ? ReservationConfirmationRefused.NONE
                                : latest.status == ReservationStatus.EXPIRED ? ReservationConfirmationRefused.EXPIRED
                                : ReservationConfirmationRefused.RELEASED;
                        LOG.warnf("Shipment %s booked for order %s, which holds no stock (%s): confirmation refused",
                                shipmentId, orderId, reason);
                        return outbox.append(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED, orderId,
                                new ReservationConfirmationRefused(orderId, shipmentId,
                                        latest == null ? null : latest.reservationId.toString(), reason),
                                context);
                    }).replaceWithVoid();
        });
    }

    /**
     * A shipment left the warehouse: the goods it carried leave on hand and reserved. An order split across
     * warehouses ships one shipment per warehouse, so only the order's allocations at {@code warehouseId} are
     * consumed, and the reservation is used up once nothing of it is still reserved. A later scan of the same
     * shipment (picked up, then delivered) finds nothing left to consume there and changes nothing. Without a
     * warehouse (publishers that do not name it) the shipment takes everything the order still holds.
     */
    public Uni<Void> consume(String orderId, String shipmentId, String warehouseId) {
        return lockActive(orderId).chain(active -> inSequence(active, reservation -> allocationsOf(reservation)
                .chain(allocations -> {
                    List<ReservationAllocationEntity> leaving = stillReserved(allocations).stream()
                            .filter(a -> warehouseId == null || warehouseId.equals(a.warehouseId))
                            .toList();
                    if (leaving.isEmpty() && warehouseId != null) {
                        LOG.infof("Shipment %s of order %s left %s, where reservation %s holds nothing (more)",
                                shipmentId, orderId, warehouseId, reservation.reservationId);
                    }
                    return ship(reservation, leaving, shipmentId).invoke(() -> {
                        if (stillReserved(allocations).isEmpty()) {
                            close(reservation, ReservationStatus.CONSUMED, "shipped with " + String.join(", ",
                                    shipmentsOf(allocations, shipmentId)));
                        }
                    });
                })));
    }

    /** The allocations leave on hand and reserved (SHIPMENT), each marked with the shipment that took it. */
    private Uni<Void> ship(ReservationEntity reservation, List<ReservationAllocationEntity> leaving,
                           String shipmentId) {
        String reservationId = reservation.reservationId.toString();
        OffsetDateTime now = now();
        return ledger.lockByIds(positionIds(leaving)).chain(positions -> {
            Map<Long, StockPositionEntity> byId = positions.stream()
                    .collect(Collectors.toMap(p -> p.id, Function.identity()));
            return inSequence(leaving, allocation -> {
                allocation.consumedByShipment = shipmentId;
                allocation.consumedAt = now;
                StockPositionEntity position = byId.get(allocation.positionId);
                return ledger.record(position, new Movement(MovementType.SHIPMENT,
                        allocation.quantity.min(position.onHand).negate(), allocation.quantity.negate(),
                        reservationId, "shipped with " + shipmentId, null));
            });
        });
    }

    /** The shipments that took the reservation's goods, first shipped first; this one if none took anything. */
    private static List<String> shipmentsOf(List<ReservationAllocationEntity> allocations, String shipmentId) {
        List<String> shipments = allocations.stream().filter(a -> a.consumedByShipment != null)
                .sorted(Comparator.comparing((ReservationAllocationEntity a) -> a.consumedAt)
                        .thenComparing(a -> a.id))
                .map(a -> a.consumedByShipment).distinct().toList();
        return shipments.isEmpty() ? List.of(shipmentId) : shipments;
    }

    /**
     * A warehouse could not pick {@code shortQuantity} of a SKU for an order: those goods are not there. On hand
     * drops by the shortage, and the order's allocation at that warehouse shrinks by as much as it held there.
     */
    public Uni<PickShortageOutcome> absorbPickShortage(String orderId, String warehouseId, String sku, String lot,
                                                       BigDecimal shortQuantity, String partnerEventId,
                                                       String partnerId) {
        return lockActive(orderId).chain(active -> {
            ReservationEntity reservation = active.isEmpty() ? null : active.get(0);
            Uni<List<ReservationAllocationEntity>> matching = reservation == null
                    ? Uni.createFrom().item(List.of())
                    : allocationsOf(reservation).map(all -> all.stream()
                            .filter(a -> a.warehouseId.equals(warehouseId) && a.sku.equals(sku)
                                    && (lot == null || lot.equals(a.lot)) && a.stillReserved())
                            .toList());
            return matching.chain(allocations -> allocations.isEmpty()
                    ? ledger.lock(warehouseId, sku, lot).chain(position -> {
                        if (position == null) {
                            return Uni.createFrom().item(new PickShortageOutcome(null, BigDecimal.ZERO));
                        }
                        BigDecimal lost = shortQuantity.min(position.onHand);
                        return ledger.record(position, Movement.onHand(MovementType.PICK_SHORTAGE, lost.negate(),
                                        partnerEventId, "pick shortage for order " + orderId, partnerId))
                                .replaceWith(new PickShortageOutcome(null, BigDecimal.ZERO));
                    })
                    : shrink(reservation, allocations, shortQuantity, orderId, partnerEventId, partnerId));
        });
    }

    private Uni<PickShortageOutcome> shrink(ReservationEntity reservation, List<ReservationAllocationEntity> allocations,
                                            BigDecimal shortQuantity, String orderId, String partnerEventId,
                                            String partnerId) {
        return ledger.lockByIds(positionIds(allocations)).chain(positions -> {
            Map<Long, StockPositionEntity> byId = positions.stream()
                    .collect(Collectors.toMap(p -> p.id, Function.identity()));
            BigDecimal[] left = {shortQuantity};
            BigDecimal[] released = {BigDecimal.ZERO};
            return inSequence(allocations, allocation -> {
                BigDecimal cut = allocation.quantity.min(left[0]);
                if (cut.signum() == 0) {
                    return Uni.createFrom().voidItem();
                }
                left[0] = left[0].subtract(cut);
                released[0] = released[0].add(cut);
                allocation.quantity = allocation.quantity.subtract(cut);
                StockPositionEntity position = byId.get(allocation.positionId);
                return ledger.record(position, new Movement(MovementType.PICK_SHORTAGE,
                        cut.min(position.onHand).negate(), cut.negate(), partnerEventId,
                        "pick shortage for order " + orderId, partnerId));
            }).map(done -> new PickShortageOutcome(reservation.reservationId.toString(), released[0]));
        });
    }

    /** What a pick shortage did to the order's reservation: which one, and how much of it was given up. */
    public record PickShortageOutcome(String reservationId, BigDecimal reservationReduced) {
    }

    /** The order's reservations, newest first, for operators and channels, with what of them has shipped. */
    public Uni<List<ReservationView>> ofOrder(String orderId) {
        return ReservationEntity.<ReservationEntity>list("orderId = ?1 order by createdAt desc", orderId)
                .chain(reservations -> Multi.createFrom().iterable(reservations)
                        .onItem().transformToUniAndConcatenate(r -> allocationsOf(r).map(allocations ->
                                new ReservationView(r.reservationId.toString(), r.orderId, r.status,
                                        allocations.stream().map(ReservationAllocationEntity::toView).toList(),
                                        r.expiresAt.toInstant())))
                        .collect().asList());
    }

    /**
     * Where the order's shipped goods came from (returns go back there): every allocation a shipment consumed, also
     * of a reservation only partly shipped (one warehouse of a split order) or released after that, and all
     * allocations of reservations consumed before consumption was recorded per allocation.
     */
    public Uni<List<ReservationAllocationEntity>> shippedAllocations(String orderId) {
        return ReservationAllocationEntity.list("""
                        reservationId in (select r.reservationId from ReservationEntity r where r.orderId = ?1)
                        and (consumedAt is not null or (releasedAt is null and reservationId in (select r.reservationId
                             from ReservationEntity r where r.orderId = ?1 and r.status = ?2))) order by id""",
                orderId, ReservationStatus.CONSUMED);
    }

    private Uni<List<ReservationEntity>> lockActive(String orderId) {
        return ReservationEntity.<ReservationEntity>find("orderId = ?1 and status in ?2", orderId, ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private static Uni<List<ReservationAllocationEntity>> allocationsOf(ReservationEntity reservation) {
        return ReservationAllocationEntity.list("reservationId = ?1 order by id", reservation.reservationId);
    }

    private void close(ReservationEntity reservation, ReservationStatus status, String reason) {
        reservation.status = status;
        reservation.closedAt = now();
        reservation.closeReason = reason;
    }

    private static List<ReservationAllocationEntity> stillReserved(List<ReservationAllocationEntity> allocations) {
        return allocations.stream().filter(ReservationAllocationEntity::stillReserved).toList();
    }

    private static List<Long> positionIds(List<ReservationAllocationEntity> allocations) {
        return allocations.stream().map(a -> a.positionId).distinct().sorted(Comparator.naturalOrder()).toList();
    }

    /** PostgreSQL keeps microseconds: a time read back must equal the one published. */
    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Runs one step per item, one after another: a Hibernate Reactive session allows no concurrent operations. */
    static <T> Uni<Void> inSequence(List<T> items, Function<T, Uni<?>> step) {
        return Multi.createFrom().iterable(new ArrayList<>(items))
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
    }
}
