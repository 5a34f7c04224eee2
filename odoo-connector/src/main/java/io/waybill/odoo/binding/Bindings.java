package io.waybill.odoo.binding;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The binding table: every canonical id the connector has seen in Odoo or written to it, with its Odoo id.
 * Every method runs in the caller's Hibernate Reactive session, so a binding commits together with the event or
 * queue entry it goes with.
 */
@ApplicationScoped
public class Bindings {

    public Uni<Optional<Binding>> find(BindingKind kind, String canonicalId) {
        return Binding.<Binding>findById(new Binding.Key(kind, canonicalId)).map(Optional::ofNullable);
    }

    public Uni<Optional<Binding>> findByOdooId(BindingKind kind, long odooId) {
        return Binding.<Binding>find("key.kind = ?1 and odooModel = ?2 and odooId = ?3", kind, kind.odooModel(), odooId)
                .firstResult().map(Optional::ofNullable);
    }

    public Uni<List<Binding>> all(BindingKind kind) {
        return Binding.<Binding>list("key.kind = ?1 order by createdAt", kind);
    }

    /**
     * Binds a canonical id to an Odoo record unless either side is bound already.
     *
     * @return true if this call created the binding, false if it existed (the caller lost a race or repeats itself)
     */
    public Uni<Boolean> bind(BindingKind kind, String canonicalId, long odooId, String odooVersion, String state) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO odoo_binding (kind, canonical_id, odoo_model, odoo_id, odoo_version, state)
                        VALUES (:kind, :canonicalId, :model, :odooId, :version, :state) ON CONFLICT DO NOTHING""")
                .setParameter("kind", kind.name())
                .setParameter("canonicalId", canonicalId)
                .setParameter("model", kind.odooModel())
                .setParameter("odooId", odooId)
                .setParameter("version", odooVersion)
                .setParameter("state", state)
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    /**
     * Moves a binding to a newer state, only if it is still in the one the caller saw: two paths seeing the same
     * change cannot both act on it.
     *
     * @return true if this call made the change
     */
    public Uni<Boolean> advance(BindingKind kind, String canonicalId, String expectedState, String newState,
                                String odooVersion) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE odoo_binding SET state = :newState, odoo_version = coalesce(CAST(:version AS varchar), odoo_version),
                               updated_at = now()
                        WHERE kind = :kind AND canonical_id = :canonicalId
                          AND state IS NOT DISTINCT FROM CAST(:expected AS varchar)""")
                .setParameter("newState", newState)
                .setParameter("version", odooVersion)
                .setParameter("kind", kind.name())
                .setParameter("canonicalId", canonicalId)
                .setParameter("expected", expectedState)
                .executeUpdate()).map(updated -> updated == 1);
    }

    /**
     * Records that the version {@code newVersion} of the Odoo record was published, only if the binding still
     * holds the version the caller saw: of two paths seeing the same new version, one publishes it.
     */
    public Uni<Boolean> advanceVersion(BindingKind kind, String canonicalId, String seenVersion, String newVersion) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE odoo_binding SET odoo_version = :newVersion, updated_at = now()
                        WHERE kind = :kind AND canonical_id = :canonicalId
                          AND odoo_version IS NOT DISTINCT FROM CAST(:seen AS varchar)""")
                .setParameter("newVersion", newVersion)
                .setParameter("kind", kind.name())
                .setParameter("canonicalId", canonicalId)
                .setParameter("seen", seenVersion)
                .executeUpdate()).map(updated -> updated == 1);
    }

    /** Records what Waybill last wrote or saw for a bound record (e.g. the tracking ref Odoo should show). */
    public Uni<Void> recordState(BindingKind kind, String canonicalId, String state) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE odoo_binding SET state = :state, updated_at = now()
                        WHERE kind = :kind AND canonical_id = :canonicalId""")
                .setParameter("state", state)
                .setParameter("kind", kind.name())
                .setParameter("canonicalId", canonicalId)
                .executeUpdate()).replaceWithVoid();
    }
}
