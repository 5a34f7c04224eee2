package io.waybill.inventory.stock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.inventory.MovementType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * The stock ledger: the only code that changes on hand and reserved. Every change is a {@link StockMovementEntity}
 * written in the same transaction as the figures it changes, so each figure is the sum of its movements.
 * <p>
 * Positions are changed only under a PostgreSQL row lock ({@code SELECT ... FOR UPDATE}). Several positions are
 * always locked in id order, so two transactions that both need the same positions queue behind each other
 * instead of deadlocking. All methods run inside the caller's transaction.
 */
@ApplicationScoped
public class StockLedger {

    private final Clock clock;

    public StockLedger(Clock clock) {
        this.clock = clock;
    }

    /** The SKU's item, or 422 naming {@code field} when inventory does not stock it. */
    public Uni<StockItemEntity> requireItem(String sku, String field) {
        return StockItemEntity.<StockItemEntity>findById(sku)
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("unknown-sku", field,
                        "SKU " + sku + " is not stocked by Waybill inventory"));
    }

    /** The SKU's item, registered with the given unit when it is new (receipts are how new SKUs enter stock). */
    public Uni<StockItemEntity> itemOrRegister(String sku, UnitOfMeasure unit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO stock_item (sku, unit, created_at) VALUES (:sku, :unit, now())
                                ON CONFLICT (sku) DO NOTHING""")
                        .setParameter("sku", sku)
                        .setParameter("unit", unit.name())
                        .executeUpdate())
                .chain(() -> StockItemEntity.<StockItemEntity>findById(sku));
    }

    /** Locks the position of a SKU and lot in a warehouse, creating it empty first if it has none yet. */
    public Uni<StockPositionEntity> lockOrCreate(String warehouseId, String sku, String lot) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO stock_position (warehouse_id, sku, lot, on_hand, reserved, updated_at)
                                VALUES (:warehouse, :sku, :lot, 0, 0, now())
                                ON CONFLICT ON CONSTRAINT stock_position_sku_warehouse_lot DO NOTHING""")
                        .setParameter("warehouse", warehouseId)
                        .setParameter("sku", sku)
                        .setParameter("lot", lot)
                        .executeUpdate())
                .chain(() -> lock(warehouseId, sku, lot))
                .onItem().ifNull().failWith(() -> new IllegalStateException("Position vanished: " + sku));
    }

    /** Locks an existing position of a SKU and lot in a warehouse; null if there is none. */
    public Uni<StockPositionEntity> lock(String warehouseId, String sku, String lot) {
        var query = lot == null
                ? StockPositionEntity.<StockPositionEntity>find(
                        "warehouseId = ?1 and sku = ?2 and lot is null", warehouseId, sku)
                : StockPositionEntity.<StockPositionEntity>find(
                        "warehouseId = ?1 and sku = ?2 and lot = ?3", warehouseId, sku, lot);
        return query.withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Locks every position of the SKUs in the warehouses, in id order. */
    public Uni<List<StockPositionEntity>> lock(Collection<String> skus, Collection<String> warehouseIds) {
        if (skus.isEmpty() || warehouseIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return StockPositionEntity.<StockPositionEntity>find(
                        "sku in ?1 and warehouseId in ?2 order by id", skus, warehouseIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Locks the given positions, in id order. */
    public Uni<List<StockPositionEntity>> lockByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return StockPositionEntity.<StockPositionEntity>find("id in ?1 order by id", ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Every position of a warehouse, locked in id order (reconciliation compares them all). */
    public Uni<List<StockPositionEntity>> lockWarehouse(String warehouseId) {
        return StockPositionEntity.<StockPositionEntity>find("warehouseId = ?1 order by id", warehouseId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Applies a movement to a locked position and writes it to the ledger. Refuses a change that would leave on
     * hand or reserved negative: no movement can explain a negative count.
     */
    public Uni<StockMovementEntity> record(StockPositionEntity position, Movement movement) {
        BigDecimal onHand = position.onHand.add(movement.onHandDelta());
        BigDecimal reserved = position.reserved.add(movement.reservedDelta());
        if (onHand.signum() < 0 || reserved.signum() < 0) {
            throw new IllegalStateException("Movement " + movement.type() + " would leave " + position.sku + " in "
                    + position.warehouseId + " at on hand " + onHand + ", reserved " + reserved);
        }
        if (movement.type() == MovementType.RESERVATION && reserved.compareTo(onHand) > 0) {
            // The allocator only plans within available stock under the same lock; this is the last line of defence.
            throw new IllegalStateException("Reservation would oversell " + position.sku + " in " + position.warehouseId);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        position.onHand = onHand;
        position.reserved = reserved;
        position.updatedAt = now;

        StockMovementEntity entry = new StockMovementEntity();
        entry.positionId = position.id;
        entry.type = movement.type();
        entry.onHandDelta = movement.onHandDelta();
        entry.reservedDelta = movement.reservedDelta();
        entry.reference = movement.reference();
        entry.reason = movement.reason();
        entry.partnerId = movement.partnerId();
        entry.recordedAt = now;
        return entry.persist();
    }

    /** A change to one position, as the ledger records it. */
    public record Movement(MovementType type, BigDecimal onHandDelta, BigDecimal reservedDelta, String reference,
                           String reason, String partnerId) {

        public static Movement onHand(MovementType type, BigDecimal delta, String reference, String reason,
                                      String partnerId) {
            return new Movement(type, delta, BigDecimal.ZERO, reference, reason, partnerId);
        }

        public static Movement reserve(BigDecimal quantity, String reservationId) {
            return new Movement(MovementType.RESERVATION, BigDecimal.ZERO, quantity, reservationId, null, null);
        }

        public static Movement release(BigDecimal quantity, String reservationId, String reason) {
            return new Movement(MovementType.RELEASE, BigDecimal.ZERO, quantity.negate(), reservationId, reason, null);
        }
    }
}
