package io.waybill.inventory.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.inventory.StockPosition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One SKU (and lot) in one warehouse. Only {@link StockLedger} changes its figures, always together with the
 * movement that explains the change and under a row lock.
 */
@Entity
@Table(name = "stock_position")
public class StockPositionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "warehouse_id")
    public String warehouseId;

    public String sku;

    public String lot;

    @Column(name = "on_hand")
    public BigDecimal onHand;

    public BigDecimal reserved;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }

    public StockPosition toModel(UnitOfMeasure unit) {
        return StockPosition.of(warehouseId, sku, lot, unit, Quantities.normalized(onHand),
                Quantities.normalized(reserved));
    }
}
