package io.waybill.portal.returns;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A return a customer asked for through the portal: the portal's own record, not part of the read model. */
@Entity
@Table(name = "portal_return_request")
public class ReturnRequest extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "return_number")
    public String returnNumber;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "order_id")
    public String orderId;
    /** The returned lines as JSON: [{sku, quantity}]. */
    public String lines;
    public String reason;
    public String comment;
    public String status;
    @Column(name = "requested_at")
    public Instant requestedAt;
    /** The flow id of the return-requested event; shipment-service's return events carry it back. */
    @Column(name = "correlation_id")
    public String correlationId;
    /** The return parcel's tracking number, once shipment-service authorized the return. */
    @Column(name = "return_tracking_number")
    public String returnTrackingNumber;
    @Column(name = "as_of")
    public Instant asOf;
}
