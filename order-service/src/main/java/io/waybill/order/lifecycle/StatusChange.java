package io.waybill.order.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.order.OrderStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One row of an order's audit history. The table refuses updates and deletes (a trigger), so rows are final. */
@Entity
@Table(name = "order_status_history")
public class StatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    public String orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status", updatable = false)
    public OrderStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public OrderStatus status;

    @Column(columnDefinition = "text", updatable = false)
    public String reason;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(name = "changed_by", nullable = false, updatable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    public Instant changedAt;

    public static Uni<List<StatusChange>> historyOf(String orderId) {
        return find("orderId = ?1 order by id", orderId).list();
    }
}
