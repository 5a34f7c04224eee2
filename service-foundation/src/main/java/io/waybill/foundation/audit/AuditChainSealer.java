package io.waybill.foundation.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chains committed audit entries, oldest first, in its own short transactions. One sealer is active per service
 * whatever the replica count (a transaction-scoped advisory lock), so the chain never forks; an entry committed
 * late simply takes the next place in the chain when it becomes visible.
 */
@ApplicationScoped
public class AuditChainSealer {

    private static final Logger LOG = Logger.getLogger(AuditChainSealer.class);
    private static final long SEALER_LOCK_KEY = 0x4175646974L;
    private static final int BATCH = 500;

    private final Pool pool;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private long timerId = -1;

    public AuditChainSealer(Pool pool,
                            @ConfigProperty(name = "waybill.audit.seal-interval", defaultValue = "500ms") Duration interval) {
        this.pool = pool;
        this.interval = interval;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        timerId = vertx.setPeriodic(interval.toMillis(), id -> {
            if (stopping || !running.compareAndSet(false, true)) {
                return;
            }
            seal().onFailure().invoke(e -> LOG.warnf("Sealing the audit chain failed, will retry: %s", e.getMessage()))
                    .onTermination().invoke(() -> running.set(false))
                    .subscribe().with(sealed -> { }, failure -> { });
        });
    }

    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Seals up to a batch of committed entries; returns how many. */
    public Uni<Integer> seal() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(SEALER_LOCK_KEY))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? sealBatch(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sealBatch(SqlConnection connection) {
        Uni<Row> last = connection.query(
                        "SELECT chain_position, hash FROM audit_entry WHERE chain_position IS NOT NULL "
                                + "ORDER BY chain_position DESC LIMIT 1").execute()
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
        return last.flatMap(tip -> connection.preparedQuery("""
                                SELECT position, id, occurred_at, actor, actor_type, source_system, entity_type,
                                       entity_id, action, change, correlation_id
                                FROM audit_entry WHERE chain_position IS NULL ORDER BY position LIMIT $1""")
                .execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    long chainPosition = tip == null ? 0 : tip.getLong("chain_position");
                    String previous = tip == null ? AuditTrail.GENESIS : tip.getString("hash");
                    List<Tuple> seals = new ArrayList<>();
                    for (Row row : rows) {
                        chainPosition++;
                        String hash = AuditTrail.hash(previous, content(row));
                        seals.add(Tuple.of(row.getLong("position"), chainPosition, previous, hash));
                        previous = hash;
                    }
                    if (seals.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return connection.preparedQuery(
                                    "UPDATE audit_entry SET chain_position = $2, previous_hash = $3, hash = $4 WHERE position = $1")
                            .executeBatch(seals).replaceWith(seals.size());
                }));
    }

    static AuditTrail.AuditEntryContent content(Row row) {
        return new AuditTrail.AuditEntryContent(
                row.getUUID("id").toString(),
                row.getOffsetDateTime("occurred_at").withOffsetSameInstant(ZoneOffset.UTC).toString(),
                row.getString("actor"), row.getString("actor_type"), row.getString("source_system"),
                row.getString("entity_type"), row.getString("entity_id"), row.getString("action"),
                row.getString("change"), row.getString("correlation_id"));
    }
}
