package io.waybill.shipment.tracking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.shipment.persistence.TrackingEventEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Makes an extended mapping table take effect without a restart or a release: reloads the tables, then maps the
 * events that were stored as unmapped again, one shipment per transaction (its row locked, as webhook processing
 * locks it), so the milestones they now yield move their shipments and are published through the outbox, in
 * carrier time.
 */
@ApplicationScoped
public class StatusMappingReload {

    private static final Logger LOG = Logger.getLogger(StatusMappingReload.class);

    /** The carriers whose tables were read, how many stored events found a milestone, how many still have none. */
    public record Result(List<String> carriers, int remapped, long stillUnmapped) {
    }

    private final StatusMappingTables tables;
    private final TrackingHistory history;

    public StatusMappingReload(StatusMappingTables tables, TrackingHistory history) {
        this.tables = tables;
        this.history = history;
    }

    /** @throws StatusMappingTables.InvalidMappingException if a table has entries that are not milestones */
    public Uni<Result> reload() {
        // A few small files, read on the caller's thread; the tables in use stay untouched if any entry is invalid.
        List<String> carriers = tables.reload();
        return Panache.withSession(() -> TrackingEventEntity.<TrackingEventEntity>list(
                                "unmapped = true order by occurredAt")
                        .map(events -> events.stream().map(e -> e.shipmentId).distinct().toList()))
                .chain(this::remap)
                .chain(remapped -> Panache.withSession(() -> TrackingEventEntity.count("unmapped = true"))
                        .map(still -> {
                            LOG.infof("Status mappings reloaded: %d stored event(s) now mapped, %d still unmapped",
                                    remapped, still);
                            return new Result(carriers, remapped, still);
                        }));
    }

    private Uni<Integer> remap(List<String> shipmentIds) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (String shipmentId : shipmentIds) {
            chain = chain.chain(total -> Panache.withTransaction(() -> history.remapUnmapped(shipmentId))
                    .map(remapped -> total + remapped));
        }
        return chain;
    }
}
