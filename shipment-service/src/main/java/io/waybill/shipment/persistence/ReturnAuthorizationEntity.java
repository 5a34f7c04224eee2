package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A return: which goods of which shipment come back, and on which return shipment. */
@Entity
@Table(name = "return_authorization")
public class ReturnAuthorizationEntity extends PanacheEntityBase {

    public enum Status {
        /** Recorded; the return label is being bought. */
        REQUESTED,
        /** Return label bought, return shipment under way. */
        AUTHORIZED,
        /** Delivered back to the warehouse. */
        RECEIVED,
        /** No return label could be bought; an operator has to arrange the return. */
        FAILED
    }

    @Id
    public String id;
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "return_shipment_id")
    public String returnShipmentId;
    /** The portal's return request id, or the operator's key: a second request with it is the same return. */
    @Column(name = "source_reference")
    public String sourceReference;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    /** JSON array of {sku, quantity}. */
    public String lines;
    public String reason;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "requested_at")
    public Instant requestedAt;
    /** When a worker last took it up; a claim older than the claim timeout is taken over. */
    @Column(name = "claimed_at")
    public Instant claimedAt;
    public int attempts;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "authorized_at")
    public Instant authorizedAt;
    @Column(name = "received_at")
    public Instant receivedAt;
}
