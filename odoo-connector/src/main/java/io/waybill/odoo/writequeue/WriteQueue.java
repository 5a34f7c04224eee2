package io.waybill.odoo.writequeue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The durable queue of writes to Odoo (table {@code odoo_write}). */
@ApplicationScoped
public class WriteQueue {

    private final Pool pool;

    public WriteQueue(Pool pool) {
        this.pool = pool;
    }

    public enum Status { PENDING, DONE, FAILED }

    /** One queued write. */
    public record Entry(long seq, String operation, String subject, JsonNode payload, Status status, int attempts,
                        OffsetDateTime enqueuedAt, String lastError) {
    }

    /**
     * Queues a write; runs in the caller's transaction, so a write asked for by an event is queued exactly when
     * that event is marked processed.
     */
    public Uni<Void> enqueue(String operation, String subject, Object payload, String causedBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO odoo_write (operation, subject, payload, caused_by)
                        VALUES (:operation, :subject, :payload, :causedBy)""")
                .setParameter("operation", operation)
                .setParameter("subject", subject)
                .setParameter("payload", EventJson.write(payload))
                .setParameter("causedBy", causedBy)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The oldest pending writes: writes are applied strictly in the order they were queued. The worker's own
     * bookkeeping uses plain single statements on the pool (each atomic by itself): it runs once per write, and a
     * Hibernate session per statement would cost more than the write to Odoo.
     */
    Uni<List<Entry>> head(int count) {
        return pool.preparedQuery("""
                        SELECT seq, operation, subject, payload, status, attempts, enqueued_at, last_error FROM odoo_write
                        WHERE status = 'PENDING' ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(Math.max(1, count)))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong("seq"), row.getString("operation"), row.getString("subject"),
                                readTree(row.getString("payload")), Status.valueOf(row.getString("status")),
                                row.getInteger("attempts"), row.getOffsetDateTime("enqueued_at"), row.getString("last_error")));
                    }
                    return entries;
                });
    }

    Uni<Void> markDone(long seq) {
        return statement("UPDATE odoo_write SET status = 'DONE', applied_at = now(), attempts = attempts + 1, "
                + "last_error = NULL WHERE seq = $1", Tuple.of(seq));
    }

    Uni<Void> markAttemptFailed(long seq, String error) {
        return statement("UPDATE odoo_write SET attempts = attempts + 1, last_error = $2 WHERE seq = $1",
                Tuple.of(seq, clip(error)));
    }

    Uni<Void> markFailed(long seq, String error) {
        return statement("UPDATE odoo_write SET status = 'FAILED', attempts = attempts + 1, last_error = $2 "
                + "WHERE seq = $1", Tuple.of(seq, clip(error)));
    }

    /** How many writes wait to be applied and how many were set aside (one statement, index-backed for PENDING). */
    record Backlog(long pending, long failed) {
    }

    Uni<Backlog> backlog() {
        return pool.query("""
                        SELECT count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'FAILED')
                        FROM odoo_write WHERE status IN ('PENDING', 'FAILED')""")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Backlog(row.getLong(0), row.getLong(1));
                });
    }

    /** Takes or renews the writer lease for {@code holder}; true if it holds it now. */
    Uni<Boolean> lease(String holder, double seconds) {
        return pool.preparedQuery("""
                        UPDATE odoo_write_lease SET holder = $1, expires_at = now() + make_interval(secs => $2)
                        WHERE name = 'writer' AND (holder = $1 OR holder IS NULL OR expires_at < now())""")
                .execute(Tuple.of(holder, seconds))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Void> statement(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).replaceWithVoid();
    }

    private static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    /** Puts a write an operator fixed the cause of back into the queue (at its original place in the order). */
    public Uni<Boolean> retry(long seq) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "UPDATE odoo_write SET status = 'PENDING', attempts = 0 WHERE seq = :seq AND status = 'FAILED'")
                .setParameter("seq", seq)
                .executeUpdate())).map(updated -> updated == 1);
    }

    public Uni<Map<Status, Long>> countsByStatus() {
        return inSession(session -> session.createNativeQuery(
                        "SELECT status, count(*) FROM odoo_write GROUP BY status", Object[].class)
                .getResultList()
                .map(rows -> {
                    Map<Status, Long> counts = new LinkedHashMap<>();
                    for (Status status : Status.values()) {
                        counts.put(status, 0L);
                    }
                    rows.forEach(row -> counts.put(Status.valueOf((String) row[0]), ((Number) row[1]).longValue()));
                    return counts;
                }));
    }

    public Uni<List<Entry>> failed(int limit) {
        return entries("WHERE status = 'FAILED' ORDER BY seq LIMIT " + Math.max(1, Math.min(limit, 500)));
    }

    private Uni<List<Entry>> entries(String where) {
        return inSession(session -> session.createNativeQuery(
                        "SELECT seq, operation, subject, payload, status, attempts, enqueued_at, last_error FROM odoo_write "
                                + where, Object[].class)
                .getResultList()
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Object[] row : rows) {
                        entries.add(new Entry(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                                readTree((String) row[3]), Status.valueOf((String) row[4]), ((Number) row[5]).intValue(),
                                toOffset(row[6]), (String) row[7]));
                    }
                    return entries;
                }));
    }

    private static JsonNode readTree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable queued payload", e);
        }
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    private static <T> Uni<T> inSession(java.util.function.Function<org.hibernate.reactive.mutiny.Mutiny.Session, Uni<T>> work) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> work.apply(session)));
    }
}
