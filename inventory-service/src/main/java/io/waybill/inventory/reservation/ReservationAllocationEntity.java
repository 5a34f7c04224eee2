package io.waybill.inventory.reservation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.inventory.stock.Quantities;
import io.waybill.model.Quantity;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.inventory.Allocation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The part of one order line a reservation holds in one position. */
@Entity
@Table(name = "reservation_allocation")
public class ReservationAllocationEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "line_id")
    public String lineId;

    @Column(name = "position_id")
    public Long positionId;

    @Column(name = "warehouse_id")
    public String warehouseId;

    public String sku;

    public String lot;

    @Enumerated(EnumType.STRING)
    public UnitOfMeasure unit;

    /** Held, or shipped once consumed; a pick shortage can shrink it while it is held. */
    public BigDecimal quantity;

    /** The shipment that took these goods out of the warehouse; null while they are still reserved. */
    @Column(name = "consumed_by_shipment")
    public String consumedByShipment;

    @Column(name = "consumed_at")
    public OffsetDateTime consumedAt;

    /**
     * When a release of only some warehouses (a split order's cancelled part) gave these goods back; null while they
     * are reserved or shipped, and for allocations of a reservation released or expired whole.
     */
    @Column(name = "released_at")
    public OffsetDateTime releasedAt;

    /**
     * Still promised to the order: not shipped yet, not given back by a release of its warehouse, and not shrunk to
     * nothing by a pick shortage.
     */
    public boolean stillReserved() {
        return consumedAt == null && releasedAt == null && quantity.signum() > 0;
    }

    public Allocation toModel() {
        return new Allocation(lineId, warehouseId, sku, lot, new Quantity(Quantities.normalized(quantity), unit));
    }

    public ReservationView.AllocationView toView() {
        return new ReservationView.AllocationView(lineId, warehouseId, sku, lot,
                new Quantity(Quantities.normalized(quantity), unit), consumedByShipment,
                consumedAt == null ? null : consumedAt.toInstant(), releasedAt == null ? null : releasedAt.toInstant());
    }
}
