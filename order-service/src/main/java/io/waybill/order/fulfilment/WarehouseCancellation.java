package io.waybill.order.fulfilment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
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
 * A cancellation owed to a partner that may hold the order's release (it was handed over, or was being handed over
 * when the saga withdrew it). Like a release, it is written in the saga's transaction and sent by the partner link
 * afterwards; the partner's answer (confirmed, or refused because the goods already left) goes back to the saga.
 */
@Entity
@Table(name = "warehouse_cancellation")
public class WarehouseCancellation extends PanacheEntityBase {

    public enum Status {
        /** Waiting for the partner link. */
        REQUESTED,
        /** Sent as a file; the partner's confirmation comes back in its confirmation files. */
        SENT,
        /** The partner cancelled the release (or never had it). */
        CONFIRMED,
        /** The partner could not cancel: the goods had already left. */
        REFUSED
    }

    @Id
    public String id;

    /** The reference of the release to cancel, as the partner knows it. */
    @Column(name = "release_reference", nullable = false)
    public String releaseReference;

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
    public String reason;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Version
    public int version;

    public static String idOf(String releaseReference, String partnerId) {
        return releaseReference + "/" + partnerId;
    }

    public static Uni<WarehouseCancellation> of(String releaseReference, String partnerId) {
        return findById(idOf(releaseReference, partnerId));
    }

    public static Uni<List<WarehouseCancellation>> requested(PartnerLink link, int limit) {
        return find("link = ?1 and status = ?2 order by requestedAt", link, Status.REQUESTED).page(0, limit).list();
    }
}
