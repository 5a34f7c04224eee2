package io.waybill.order.saga;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted state of one order's saga: the step it waits in and until when, what routing allowed, and what the
 * participants answered so far (reservation, shipment). {@link OrderFulfilmentSaga} is the only writer.
 */
@Entity
@Table(name = "order_saga")
public class OrderSaga extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SagaStep step;

    @Column(name = "step_deadline")
    public Instant stepDeadline;

    /** The step the saga was in when it was put on hold: a retry resumes from there. */
    @Enumerated(EnumType.STRING)
    @Column(name = "held_at_step")
    public SagaStep heldAtStep;

    @Column(name = "hold_reason", columnDefinition = "text")
    public String holdReason;

    @Convert(converter = StringListConverter.class)
    @Column(name = "candidate_warehouses", nullable = false)
    public List<String> candidateWarehouses = new ArrayList<>();

    @Convert(converter = StringListConverter.class)
    @Column(name = "allowed_carriers", nullable = false)
    public List<String> allowedCarriers = new ArrayList<>();

    @Convert(converter = StringListConverter.class)
    @Column(name = "tried_carriers", nullable = false)
    public List<String> triedCarriers = new ArrayList<>();

    @Column(name = "routing_rule", nullable = false)
    public String routingRule;

    @Column(name = "reservation_id")
    public String reservationId;

    /** Whether inventory may hold stock for the order: then cancellation must ask for its release. */
    @Column(name = "stock_requested", nullable = false)
    public boolean stockRequested;

    /** When inventory lets the hold lapse unless a booked shipment confirms it. */
    @Column(name = "reservation_expires_at")
    public Instant reservationExpiresAt;

    @Column(name = "warehouse_id")
    public String warehouseId;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "shipment_id")
    public String shipmentId;

    @Column(name = "carrier_id")
    public String carrierId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    /** When the partner acknowledged the release: its ship deadline runs from here. */
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** Why the order is being cancelled, while the partner's answer is awaited (step CANCELLING). */
    @Column(name = "cancel_reason", columnDefinition = "text")
    public String cancelReason;

    /**
     * Set when something after hand-over needs an operator but must not stop the order (a partner overran its
     * deadline, refused a cancellation): the order stays where it is, because the goods may still move.
     */
    @Column(columnDefinition = "text")
    public String attention;

    @Column(name = "booking_attempts", nullable = false)
    public int bookingAttempts;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    public static OrderSaga begin(String orderId, Instant now) {
        OrderSaga saga = new OrderSaga();
        saga.orderId = orderId;
        saga.startedAt = now;
        saga.updatedAt = now;
        return saga;
    }

    /** Carriers routing allows that have not failed for this order yet, in preference order. */
    public List<String> untriedCarriers() {
        return allowedCarriers.stream().filter(c -> !triedCarriers.contains(c)).toList();
    }
}
