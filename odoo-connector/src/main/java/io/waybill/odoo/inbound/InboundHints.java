package io.waybill.odoo.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hints that an Odoo record changed, kept durably until the record was read back through the authenticated API.
 * One row per record: a newer hint re-arms it.
 */
@ApplicationScoped
public class InboundHints {

    /** A record to read back. */
    public record Hint(String model, long odooId, String claimedState, int attempts) {
    }

    /** Stores a hint; runs in the caller's transaction. */
    public Uni<Void> store(String model, long odooId, String claimedState, String source) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO odoo_inbound_hint (odoo_model, odoo_id, source, claimed_state, received_at, next_attempt_at)
                        VALUES (:model, :id, :source, :state, now(), now())
                        ON CONFLICT (odoo_model, odoo_id) DO UPDATE
                           SET source = excluded.source, claimed_state = excluded.claimed_state,
                               received_at = now(), next_attempt_at = now(), attempts = 0, done_at = NULL,
                               last_error = NULL""")
                .setParameter("model", model)
                .setParameter("id", odooId)
                .setParameter("source", source)
                .setParameter("state", claimedState)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<List<Hint>> due(int limit) {
        return inSession(session -> session.createNativeQuery("""
                        SELECT odoo_model, odoo_id, claimed_state, attempts FROM odoo_inbound_hint
                        WHERE done_at IS NULL AND next_attempt_at <= now()
                        ORDER BY next_attempt_at LIMIT :limit""", Object[].class)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> {
                    List<Hint> hints = new ArrayList<>();
                    for (Object[] row : rows) {
                        hints.add(new Hint((String) row[0], ((Number) row[1]).longValue(), (String) row[2],
                                ((Number) row[3]).intValue()));
                    }
                    return hints;
                }));
    }

    /** Marks a hint handled; runs in the caller's transaction (the one that applied it). */
    public Uni<Void> done(Hint hint, String note) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE odoo_inbound_hint SET done_at = now(), attempts = attempts + 1, last_error = :note
                        WHERE odoo_model = :model AND odoo_id = :id""")
                .setParameter("note", note)
                .setParameter("model", hint.model())
                .setParameter("id", hint.odooId())
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> retryLater(Hint hint, Duration after, String reason) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE odoo_inbound_hint SET attempts = attempts + 1, last_error = :reason,
                               next_attempt_at = now() + make_interval(secs => :seconds)
                        WHERE odoo_model = :model AND odoo_id = :id""")
                .setParameter("reason", reason)
                .setParameter("seconds", after.toMillis() / 1000.0)
                .setParameter("model", hint.model())
                .setParameter("id", hint.odooId())
                .executeUpdate())).replaceWithVoid();
    }

    public Uni<Long> count() {
        return inSession(session -> session.createNativeQuery("SELECT count(*) FROM odoo_inbound_hint", Long.class)
                .getSingleResult());
    }

    private static <T> Uni<T> inSession(java.util.function.Function<org.hibernate.reactive.mutiny.Mutiny.Session, Uni<T>> work) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> work.apply(session)));
    }
}
