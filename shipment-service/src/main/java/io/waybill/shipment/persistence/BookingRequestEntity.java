package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A request of the order saga to book a shipment, recorded by the inbox handler and worked off by the booking
 * worker. Its id is the idempotency key towards carriers: however often the booking is retried or taken over after a
 * crash, each carrier sees the same key for it.
 */
@Entity
@Table(name = "booking_request")
public class BookingRequestEntity extends PanacheEntityBase {

    public enum Status {
        PENDING, IN_PROGRESS, BOOKED, FAILED
    }

    @Id
    public String id;
    @Column(name = "source_event_id")
    public String sourceEventId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "correlation_id")
    public String correlationId;
    /** The booking request event's data, as received. */
    public String request;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    public int attempts;
    @Column(name = "tried_carriers")
    public String triedCarriers;
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
