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

/** One label purchase of a booking or return, noted before the carrier is asked (see {@code LabelPurchase}). */
@Entity
@Table(name = "label_purchase")
public class LabelPurchaseEntity extends PanacheEntityBase {

    public enum Status {
        /** Noted; the purchase is under way, or its answer was lost and the owner will look it up again. */
        PENDING,
        /** The owner's label. */
        BOUGHT,
        /** The carrier refused it, or nothing turned up until it settled: no label exists. */
        NONE,
        /** The owner went on without it; if the carrier issued a label after all, it is voided. */
        ABANDONED,
        /** Such a label turned up and its void was submitted; the carrier settles it later. */
        VOID_PENDING,
        /** Such a label turned up and was voided: nothing is carried or charged. */
        VOIDED,
        /** Such a label turned up and the carrier refused to void it: an operator has to. */
        VOID_REFUSED
    }

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "carrier_id")
    public String carrierId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    /** JSON of the {@code RateQuote} being bought. */
    public String quote;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "carrier_shipment_ref")
    public String carrierShipmentRef;
    @Column(name = "noted_at")
    public Instant notedAt;
    @Column(name = "settle_until")
    public Instant settleUntil;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    public String note;
}
