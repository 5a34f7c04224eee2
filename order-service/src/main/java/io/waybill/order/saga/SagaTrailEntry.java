package io.waybill.order.saga;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
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

/** One line of an order's saga trail: a command sent, a reply heard, a compensation, a hold, a retry. */
@Entity
@Table(name = "saga_trail")
public class SagaTrailEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(nullable = false)
    public Instant at;

    /** The step the saga was in after the decision. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SagaStep step;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false, columnDefinition = "text")
    public String detail;

    public static Uni<List<SagaTrailEntry>> of(String orderId) {
        return find("orderId = ?1 order by id", orderId).list();
    }
}
