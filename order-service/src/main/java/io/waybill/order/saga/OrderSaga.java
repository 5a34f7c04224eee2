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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

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

    /**
     * What leaves each warehouse: one part for an order shipped whole, one per warehouse for a split one. Empty
     * until stock is reserved.
     */
    @Convert(converter = FulfilmentPartsConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<FulfilmentPart> parts = new ArrayList<>();

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

    public boolean isSplit() {
        return parts.size() > 1;
    }

    /** The part leaving {@code warehouseId}, if the order has one there. */
    public Optional<FulfilmentPart> partIn(String warehouseId) {
        return parts.stream().filter(p -> p.warehouseId().equals(warehouseId)).findFirst();
    }

    /** The part shipped as {@code shipmentId}, if any. */
    public Optional<FulfilmentPart> partShippedAs(String shipmentId) {
        return parts.stream().filter(p -> shipmentId != null && shipmentId.equals(p.shipmentId())).findFirst();
    }

    /** Replaces the part of the same warehouse (a new list, so that the change is persisted). */
    public void update(FulfilmentPart part) {
        parts = new ArrayList<>(parts.stream().map(p -> p.warehouseId().equals(part.warehouseId()) ? part : p).toList());
    }

    /** Applies {@code change} to every part. */
    public void updateAll(UnaryOperator<FulfilmentPart> change) {
        parts = new ArrayList<>(parts.stream().map(change).toList());
    }

    public boolean allParts(Predicate<FulfilmentPart> test) {
        return !parts.isEmpty() && parts.stream().allMatch(test);
    }

    /** The warehouses the order's parts leave from, for messages. */
    public String warehouses() {
        return String.join(", ", parts.stream().map(FulfilmentPart::warehouseId).toList());
    }

    /** The partners holding (or asked to hold) the order's releases, for messages. */
    public String partners() {
        return String.join(", ", parts.stream().map(FulfilmentPart::partnerId).filter(Objects::nonNull)
                .distinct().toList());
    }
}
