package io.waybill.billing.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Serializes matching a carrier's bill lines to a shipment by (carrier, tracking number). A bill taken in and the
 * booking (or return authorization) that makes its tracking number known can commit at the same moment on two
 * replicas; without the lock, the intake would not yet see the shipment and the booking would not yet see the line,
 * and the line would stay unknown for ever. With it, whichever comes second sees what the first committed. Also
 * taken by the grace sweep, so a line is either audited against its shipment or disputed as unknown, never both.
 * A transaction-scoped PostgreSQL advisory lock: held across replicas, released at commit or rollback. Taken after
 * {@code OrderLock} where both are needed (never the other way round), in sorted order when several are.
 */
public final class TrackingNumberLock {

    private TrackingNumberLock() {
    }

    public static Uni<Void> acquire(String carrierId, Collection<String> trackingNumbers) {
        Uni<Void> locked = Uni.createFrom().voidItem();
        for (String trackingNumber : new TreeSet<>(trackingNumbers)) {
            locked = locked.chain(() -> acquire(carrierId, trackingNumber));
        }
        return locked;
    }

    public static Uni<Void> acquire(String carrierId, String trackingNumber) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked", Integer.class)
                        .setParameter("key", "billing-tracking:" + carrierId + ":" + trackingNumber)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
