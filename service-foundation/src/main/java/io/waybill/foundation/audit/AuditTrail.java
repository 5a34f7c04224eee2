package io.waybill.foundation.audit;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.foundation.security.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The append-only, hash-chained record of every mutation. Every state change in Waybill publishes an event through
 * the outbox, so the outbox records the audit entry in the same transaction: who (the authenticated user or client,
 * or the event that caused the change), from which source system, when, what changed (the event's data) and the
 * correlation id. No mutation that emits an event can skip it.
 * <p>
 * Entries are written unsealed, without any lock, so auditing never serializes business transactions;
 * {@link AuditChainSealer} chains them after they commit: each sealed entry stores the previous entry's hash and
 * its own hash over its content and that previous hash.
 */
@ApplicationScoped
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private final Instance<SecurityIdentity> identity;
    private final String serviceName;

    public AuditTrail(Instance<SecurityIdentity> identity,
                      @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.identity = identity;
        this.serviceName = serviceName;
    }

    /** Records the change an event describes. Must run inside the transaction of the change. */
    public Uni<Void> recordEvent(EventEnvelope event) {
        Actor actor = currentActor(event);
        return append(actor, entityTypeOf(event.type()), event.subject(), event.type(),
                EventJson.write(event.data()), event.correlationid());
    }

    /**
     * Records a mutation that publishes no event (for example a change made in an external identity provider).
     * Must run inside the transaction of the change, if there is one.
     */
    public Uni<Void> recordChange(String entityType, String entityId, String action, Object change,
                                  String correlationId) {
        Actor actor = currentActor(null);
        return append(actor, entityType, entityId, action, EventJson.write(change), correlationId);
    }

    Uni<Void> append(Actor actor, String entityType, String entityId, String action, String change,
                     String correlationId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO audit_entry (id, occurred_at, actor, actor_type, source_system,
                            entity_type, entity_id, action, change, correlation_id)
                        VALUES (:id, :at, :actor, :actorType, :source, :entityType, :entityId, :action,
                            :change, :correlation)""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("at", now)
                .setParameter("actor", actor.name())
                .setParameter("actorType", actor.type())
                .setParameter("source", actor.sourceSystem())
                .setParameter("entityType", entityType)
                .setParameter("entityId", entityId)
                .setParameter("action", action)
                .setParameter("change", change)
                .setParameter("correlation", correlationId)
                .executeUpdate()).replaceWithVoid();
    }

    /** The hash of an entry: SHA-256 over the previous hash and the entry's canonical JSON. */
    static String hash(String previousHash, AuditEntryContent content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            digest.update(EventJson.write(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "waybill.shipment.milestone-recorded.v1" concerns a shipment. */
    static String entityTypeOf(String eventType) {
        String[] parts = eventType.split("\\.");
        return parts.length > 1 ? parts[1] : eventType;
    }

    private Actor currentActor(EventEnvelope event) {
        SecurityIdentity caller = requestIdentity();
        if (caller != null && !caller.isAnonymous()) {
            String type = Claims.customerId(caller).isPresent() ? "customer"
                    : Claims.partnerId(caller).isPresent() ? "partner" : "client";
            String source = caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("azp") != null
                    ? jwt.getClaim("azp").toString() : "api";
            return new Actor(caller.getPrincipal().getName(), type, source);
        }
        // No caller: the change was caused by another event (or a scheduled job of this service).
        String cause = event != null && event.causationid() != null
                ? "event:" + event.causationid() : "service:" + serviceName;
        return new Actor(cause, "system", serviceName);
    }

    private SecurityIdentity requestIdentity() {
        if (!Arc.container().requestContext().isActive() || !identity.isResolvable()) {
            return null;
        }
        try {
            // Asking a not-yet-resolved identity blocks, which throws on an event loop (a consumed message, a
            // scheduled job, a test driving a handler): there is no caller then, only the causing event.
            SecurityIdentity current = identity.get();
            return current.isAnonymous() ? null : current;
        } catch (RuntimeException notAvailableHere) {
            return null;
        }
    }

    record Actor(String name, String type, String sourceSystem) {
    }

    /** The hashed fields of an entry, in a fixed order. */
    record AuditEntryContent(String id, String occurredAt, String actor, String actorType, String sourceSystem,
                             String entityType, String entityId, String action, String change,
                             String correlationId) {
    }
}
