package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A webhook refused for a forged, stale or replayed signature: recorded for security review, never processed. */
@Entity
@Table(name = "webhook_rejection")
public class WebhookRejectionEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "carrier_id")
    public String carrierId;
    @Column(name = "delivery_id")
    public String deliveryId;
    public String reason;
    public String remote;
    @Column(name = "received_at")
    public Instant receivedAt;
}
