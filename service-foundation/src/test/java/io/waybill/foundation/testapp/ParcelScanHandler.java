package io.waybill.foundation.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies scans to {@code applied_scan}. Parcels listed in {@link #POISONED} fail every attempt; parcels in
 * {@link #FAIL_ONCE_AFTER_EFFECT} write their effect and then fail on the first attempt only, as a handler would
 * that crashed after doing its work but before the acknowledgement.
 */
@ApplicationScoped
public class ParcelScanHandler implements EventHandler {

    public static final Set<String> POISONED = ConcurrentHashMap.newKeySet();
    public static final Set<String> FAIL_ONCE_AFTER_EFFECT = ConcurrentHashMap.newKeySet();

    private final InboundEvents inbound;

    public ParcelScanHandler(InboundEvents inbound) {
        this.inbound = inbound;
    }

    @Incoming("parcel-scans")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "foundation-test.parcel-scans";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(ParcelScanned.TYPE);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        ParcelScanned scan = event.dataAs(ParcelScanned.TYPE);
        if (POISONED.contains(scan.parcelId())) {
            return Uni.createFrom().failure(new IllegalStateException("Hub " + scan.parcelId() + " unknown"));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO applied_scan (parcel_id, sequence, event_id) VALUES (:p, :s, :e)")
                        .setParameter("p", scan.parcelId())
                        .setParameter("s", scan.sequence())
                        .setParameter("e", event.id())
                        .executeUpdate())
                .invoke(() -> {
                    if (FAIL_ONCE_AFTER_EFFECT.remove(scan.parcelId())) {
                        throw new IllegalStateException("Crashed after the effect, before the acknowledgement");
                    }
                })
                .replaceWithVoid();
    }
}
