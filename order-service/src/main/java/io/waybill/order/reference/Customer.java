package io.waybill.order.reference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer order intake accepts orders for (a copy of Odoo's partner, or demo data). */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean active;

    /** Where the record came from last: {@code rest} or {@code odoo}. */
    @Column(nullable = false)
    public String source;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
