package io.waybill.order.fulfilment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.order.routing.RoutingRules.PartnerLink;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;

/**
 * A release waiting for, or handed to, a warehouse partner. Written in the saga's transaction and handed over by
 * the partner link afterwards, so no partner call ever happens inside a database transaction and a crash between
 * the two only delays the hand-over.
 */
@Entity
@Table(name = "warehouse_release")
public class WarehouseRelease extends PanacheEntityBase {

    public enum Status {
        /** Waiting for the partner link. */
        PENDING,
        /**
         * Claimed by the partner link, which is calling the partner or writing its file: the partner may have it.
         * Withdrawing it now needs a cancellation at the partner, like a handed-over one.
         */
        SENDING,
        /** The partner accepted it (REST call answered 2xx, or the CSV file was written). */
        HANDED_OVER,
        /**
         * Taken back by the saga: pick shortage or cancellation. If the partner may have had it, a
         * {@link WarehouseCancellation} tells the partner.
         */
        WITHDRAWN
    }

    /**
     * What the partner knows the release by: the order id for an order shipped whole, order id and warehouse for a
     * part of a split order ({@link io.waybill.order.saga.FulfilmentPart#releaseReference}).
     */
    @Id
    @Column(name = "release_reference")
    public String reference;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(name = "warehouse_id", nullable = false)
    public String warehouseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerLink link;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false, columnDefinition = "text")
    String document;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "handed_over_at")
    public Instant handedOverAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Version
    public int version;

    public ReleaseDocument document() {
        return EventJson.convert(readTree(document), ReleaseDocument.class);
    }

    void document(ReleaseDocument release) {
        document = EventJson.write(release);
    }

    /**
     * Releases the link should hand over: pending ones, and claims older than {@code abandonedBefore} (the sender
     * crashed mid-call; the partner's idempotency, or the unchanged release reference, makes the resend harmless).
     */
    public static Uni<List<WarehouseRelease>> pending(PartnerLink link, Instant abandonedBefore, int limit) {
        return find("link = ?1 and (status = ?2 or (status = ?3 and claimedAt < ?4)) order by createdAt", link,
                Status.PENDING, Status.SENDING, abandonedBefore).page(0, limit).list();
    }

    /** The key the partner deduplicates a release on: the same for every attempt of one (re-)release. */
    public String handOverKey() {
        return reference + "-" + createdAt.toEpochMilli();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored release document is not JSON", e);
        }
    }
}
