package io.waybill.billing.rating;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the customer asked to be shipped, from order-service's booking request: the service level, the destination
 * country and the chargeable weight. The latest request of an order wins (a re-booking after a failed carrier asks
 * again with the same parcels).
 */
@Entity
@Table(name = "order_rating_basis")
public class OrderRatingBasis extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "service_level")
    public String serviceLevel;

    @Column(name = "destination_country")
    public String destinationCountry;

    @Column(name = "chargeable_weight_kg")
    public BigDecimal chargeableWeightKg;

    @Column(name = "requested_at")
    public Instant requestedAt;
}
