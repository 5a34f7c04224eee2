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
        /** The partner accepted it (REST call answered 2xx, or the CSV file was written). */
        HANDED_OVER,
        /** Taken back by the saga: pick shortage or cancellation. */
        WITHDRAWN
    }

    @Id
    @Column(name = "order_id")
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

    public static Uni<List<WarehouseRelease>> pending(PartnerLink link, int limit) {
        return find("link = ?1 and status = ?2 order by createdAt", link, Status.PENDING).page(0, limit).list();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored release document is not JSON", e);
        }
    }
}
