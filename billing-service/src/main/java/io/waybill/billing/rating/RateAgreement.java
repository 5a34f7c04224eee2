package io.waybill.billing.rating;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer's current rate agreement; {@code terms} is the JSON of its {@link RateTerms}. */
@Entity
@Table(name = "rate_agreement")
public class RateAgreement extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    public String terms;

    public int revision;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
