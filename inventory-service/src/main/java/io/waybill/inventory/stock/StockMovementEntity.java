package io.waybill.inventory.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.inventory.MovementType;
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

/** One line of the stock ledger: how much on hand and reserved of a position changed, why, and on whose word. */
@Entity
@Table(name = "stock_movement")
public class StockMovementEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "position_id")
    public Long positionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "movement_type")
    public MovementType type;

    @Column(name = "on_hand_delta")
    public BigDecimal onHandDelta;

    @Column(name = "reserved_delta")
    public BigDecimal reservedDelta;

    /** What the movement belongs to: a reservation id, a partner event id, a reconciliation id, a return id. */
    public String reference;

    public String reason;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
