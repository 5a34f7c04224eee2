package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.shipment.Milestone;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One distinct carrier event in a shipment's history. {@code milestone} is null and {@code unmapped} true when the
 * carrier's status is not in its mapping table yet: kept and flagged, never dropped.
 */
@Entity
@Table(name = "tracking_event")
public class TrackingEventEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "dedup_key")
    public String dedupKey;
    @Column(name = "carrier_id")
    public String carrierId;
    @Column(name = "carrier_status")
    public String carrierStatus;
    @Enumerated(EnumType.STRING)
    public Milestone milestone;
    public boolean unmapped;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public String location;
    public String description;
    public String signer;
    @Column(name = "photo_ref")
    public String photoRef;
    @Column(name = "signature_ref")
    public String signatureRef;
    @Column(name = "webhook_id")
    public UUID webhookId;

    /** The history in carrier time; ties broken by the dedup key so the order never depends on arrival. */
    public static Uni<List<TrackingEventEntity>> history(String shipmentId) {
        return list("shipmentId = ?1 order by occurredAt, dedupKey", shipmentId);
    }
}
