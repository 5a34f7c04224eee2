package io.waybill.billing.rating;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serializes everything that changes the billing of one order. Booking requests arrive on the orders stream and
 * bookings and deliveries on the shipments stream, handled concurrently; without the lock, a booking and its booking
 * request committed at the same moment would each miss the other and the shipment would never be rated. A
 * transaction-scoped PostgreSQL advisory lock holds across replicas and is released at commit or rollback.
 * Take it before reading anything of the order, so what follows sees what the previous holder committed.
 */
public final class OrderLock {

    private OrderLock() {
    }

    public static Uni<Void> acquire(String orderId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked", Integer.class)
                        .setParameter("key", "billing-order:" + orderId)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
