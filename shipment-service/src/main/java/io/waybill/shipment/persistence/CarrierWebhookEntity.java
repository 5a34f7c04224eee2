package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A carrier webhook exactly as received, stored before it is acknowledged so that nothing the carrier told us is
 * lost, and processed asynchronously afterwards.
 */
@Entity
@Table(name = "carrier_webhook")
public class CarrierWebhookEntity extends PanacheEntityBase {

    public enum Status {
        /** Waiting to be processed (or waiting for the shipment it is about to be booked). */
        RECEIVED,
        PROCESSED,
        /** Not readable as a webhook of this carrier; kept for inspection. */
        FAILED,
        /** About a tracking number no shipment of ours carries, even after waiting. */
        UNMATCHED
    }

    @Id
    public UUID id;
    @Column(name = "carrier_id")
    public String carrierId;
    /** The carrier's delivery id (webhook-id, EasyPost Event id) or, without one, a hash of the body. */
    @Column(name = "delivery_id")
    public String deliveryId;
    /** How it was authenticated: oauth2:<client>, standard-webhooks, easypost-hmac. */
    public String authenticated;
    public String body;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "processed_at")
    public Instant processedAt;
    public String error;
}
