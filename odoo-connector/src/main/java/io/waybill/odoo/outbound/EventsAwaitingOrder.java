package io.waybill.odoo.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Shipment events that overtook their order's {@code order.accepted}: kept until the connector learns where the
 * order came from, instead of being taken for an order from elsewhere and dropped (or retried until dead-lettered
 * while the order stream catches up). Every method runs in the caller's session and transaction.
 */
@ApplicationScoped
public class EventsAwaitingOrder {

    private static final Logger LOG = Logger.getLogger(EventsAwaitingOrder.class);

    public Uni<Void> park(String orderId, EventEnvelope event) {
        LOG.infof("%s %s arrived before order %s was accepted here: kept until it is", event.type(), event.id(), orderId);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO event_awaiting_order (order_id, event_id, envelope) VALUES (:orderId, :eventId, :envelope)
                        ON CONFLICT DO NOTHING""")
                .setParameter("orderId", orderId)
                .setParameter("eventId", event.id())
                .setParameter("envelope", EventJson.write(event))
                .executeUpdate()).replaceWithVoid();
    }

    /** Takes out the events parked for this order, oldest first. */
    public Uni<List<EventEnvelope>> release(String orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                SELECT envelope FROM event_awaiting_order WHERE order_id = :orderId
                                ORDER BY parked_at, event_id FOR UPDATE""", String.class)
                        .setParameter("orderId", orderId)
                        .getResultList()
                        .chain(envelopes -> envelopes.isEmpty()
                                ? Uni.createFrom().item(List.<EventEnvelope>of())
                                : session.createNativeQuery("DELETE FROM event_awaiting_order WHERE order_id = :orderId")
                                .setParameter("orderId", orderId)
                                .executeUpdate()
                                .replaceWith(envelopes.stream().map(EventJson::readEnvelope).toList())));
    }
}
