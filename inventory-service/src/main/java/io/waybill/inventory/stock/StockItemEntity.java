package io.waybill.inventory.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.UnitOfMeasure;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A SKU inventory keeps stock of, and the unit its stock is counted in. */
@Entity
@Table(name = "stock_item")
public class StockItemEntity extends PanacheEntityBase {

    @Id
    public String sku;

    @Enumerated(EnumType.STRING)
    public UnitOfMeasure unit;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
