package io.waybill.foundation.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies scans to {@code applied_scan}. Parcels listed in {@link #POISONED} fail every attempt; parcels in
 * {@link #FAIL_ONCE_AFTER_EFFECT} write their effect and then fail on the first attempt only, as a handler would
 * that crashed after doing its work but before the acknowledgement. Messages whose id is in {@link #LOSE_ACK_ONCE}
 * are fully processed (effect and inbox row committed) and then nacked instead of acked, once, as if the connection
 * dropped before the acknowledgement reached the broker: the broker delivers the same message again.
 */
@ApplicationScoped
public class ParcelScanHandler implements EventHandler {

    public static final Set<String> POISONED = ConcurrentHashMap.newKeySet();
    public static final Set<String> FAIL_ONCE_AFTER_EFFECT = ConcurrentHashMap.newKeySet();
    public static final Set<String> LOSE_ACK_ONCE = ConcurrentHashMap.newKeySet();
    /** AMQP message id -> the broker's delivery count of each delivery this consumer got. */
    private static final Map<String, List<Integer>> DELIVERIES = new ConcurrentHashMap<>();

    private final InboundEvents inbound;

    public ParcelScanHandler(InboundEvents inbound) {
        this.inbound = inbound;
    }

    @Incoming("parcel-scans")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        Optional<IncomingAmqpMetadata> amqp = message.getMetadata(IncomingAmqpMetadata.class);
        String id = amqp.map(IncomingAmqpMetadata::getId).orElse(null);
        if (id != null) {
            DELIVERIES.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(amqp.get().getDeliveryCount());
        }
        if (id != null && LOSE_ACK_ONCE.remove(id)) {
            Message<JsonObject> ackLost = message.withAck(
                    () -> message.nack(new IllegalStateException("Connection lost after the commit, before the ack")));
            return inbound.process(ackLost, this);
        }
        return inbound.process(message, this);
    }

    /** The delivery counts the broker reported for each delivery of a message, in arrival order. */
    public static List<Integer> deliveriesOf(String messageId) {
        return List.copyOf(DELIVERIES.getOrDefault(messageId, List.of()));
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
