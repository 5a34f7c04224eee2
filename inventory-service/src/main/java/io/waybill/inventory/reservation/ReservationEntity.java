package io.waybill.inventory.reservation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.inventory.ReservationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "reservation")
public class ReservationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    public ReservationStatus status;

    /** The saga's correlation id: events this reservation causes on its own (expiry) continue the order's flow. */
    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "customer_id")
    public String customerId;

    /** When a HELD reservation lapses; null once confirmed or closed. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "close_reason")
    public String closeReason;
}
