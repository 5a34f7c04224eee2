package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An order as the portal knows it from order-service's events. */
@Entity
@Table(name = "portal_order")
public class PortalOrder extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "order_number")
    public String orderNumber;
    @Column(name = "customer_reference")
    public String customerReference;
    @Column(name = "service_level")
    public String serviceLevel;
    /** The delivery address as JSON ({@link io.waybill.model.Address}). */
    @Column(name = "ship_to")
    public String shipTo;
    /** The order lines as JSON: [{sku, quantity}] in order. */
    public String lines;
    @Column(name = "internal_status")
    public String internalStatus;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    @Column(name = "placed_at")
    public Instant placedAt;
    @Column(name = "promised_date")
    public String promisedDate;
    /** Time of the last event applied to this row: how fresh the customer's view is. */
    @Column(name = "as_of")
    public Instant asOf;
}
