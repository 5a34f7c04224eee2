package io.waybill.foundation.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Auditors read the trail of one record and verify that nothing in the chain was altered. */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.AUDIT_READ)
@Tag(name = "Operations")
public class AuditResource {

    public record AuditEntryView(long position, String id, OffsetDateTime occurredAt, String actor, String actorType,
                                 String sourceSystem, String entityType, String entityId, String action,
                                 String change, String correlationId, String hash) {
    }

    /** {@code awaitingSeal}: entries committed in the last moments, not chained yet (the sealer runs every 500 ms). */
    public record Verification(boolean intact, long entriesChecked, long awaitingSeal, Long firstBrokenPosition,
                               String reason) {
    }

    private static final String COLUMNS = "position, id, occurred_at, actor, actor_type, source_system, entity_type, "
            + "entity_id, action, change, correlation_id, previous_hash, hash, chain_position";

    private final Pool pool;

    public AuditResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "The audit trail of one record, oldest first")
    public Uni<List<AuditEntryView>> trail(@QueryParam("entityType") String entityType,
                                           @QueryParam("entityId") String entityId,
                                           @QueryParam("limit") @DefaultValue("200") int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_entry WHERE ($1::text IS NULL OR entity_type = $1)"
                        + " AND ($2::text IS NULL OR entity_id = $2) ORDER BY position LIMIT $3")
                .execute(Tuple.of(entityType, entityId, Math.min(Math.max(limit, 1), 1000)))
                .map(rows -> {
                    List<AuditEntryView> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(view(row)));
                    return entries;
                });
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the hash chain and report the first entry that does not match")
    public Uni<Verification> verify() {
        return pool.query("SELECT count(*) FROM audit_entry WHERE chain_position IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(awaiting -> pool.query("SELECT " + COLUMNS
                                + " FROM audit_entry WHERE chain_position IS NOT NULL ORDER BY chain_position").execute()
                        .map(rows -> walk(rows, awaiting)));
    }

    private static Verification walk(Iterable<Row> rows, long awaitingSeal) {
        String previous = AuditTrail.GENESIS;
        long checked = 0;
        for (Row row : rows) {
            checked++;
            long position = row.getLong("position");
            if (row.getLong("chain_position") != checked) {
                return new Verification(false, checked, awaitingSeal, position, "an entry is missing from the chain");
            }
            if (!previous.equals(row.getString("previous_hash"))) {
                return new Verification(false, checked, awaitingSeal, position,
                        "previous hash does not match the entry before");
            }
            String expected = AuditTrail.hash(previous, AuditChainSealer.content(row));
            if (!expected.equals(row.getString("hash"))) {
                return new Verification(false, checked, awaitingSeal, position, "content does not match its hash");
            }
            previous = row.getString("hash");
        }
        return new Verification(true, checked, awaitingSeal, null, null);
    }

    private static AuditEntryView view(Row row) {
        return new AuditEntryView(row.getLong("position"), row.getUUID("id").toString(),
                row.getOffsetDateTime("occurred_at"), row.getString("actor"), row.getString("actor_type"),
                row.getString("source_system"), row.getString("entity_type"), row.getString("entity_id"),
                row.getString("action"), row.getString("change"), row.getString("correlation_id"),
                row.getString("hash"));
    }
}
