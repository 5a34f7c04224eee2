package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The raw events the read model was built from, in the order they were applied. */
@ApplicationScoped
public class EventLog {

    /**
     * Appends an event in the caller's transaction.
     *
     * @return false if the event was already logged: it has been applied before and must not be applied again
     */
    public Uni<Boolean> append(EventEnvelope event, String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO portal_event_log (event_id, event_type, subject, customer_id, event_time, envelope)
                                VALUES (:id, :type, :subject, :customer, :time, :envelope) ON CONFLICT (event_id) DO NOTHING""")
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .setParameter("subject", event.subject())
                        .setParameter("customer", customerId)
                        .setParameter("time", event.time())
                        .setParameter("envelope", EventJson.write(event))
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Up to {@code size} logged events after the given position, oldest first. */
    public Uni<List<LoggedEvent>> after(long position, int size) {
        return LoggedEvent.<LoggedEvent>find("position > ?1 order by position", position).page(0, size).list();
    }
}
