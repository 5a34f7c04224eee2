package io.waybill.portal.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.events.EventEnvelope;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.portal.live.ShipmentUpdateBroadcaster;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feeds the read model from the four streams the portal follows. Each event is logged raw (for rebuilds) and
 * projected in the inbox transaction, so an event delivered twice is applied once. Shipment changes are announced
 * to the live feed only once that transaction has committed: a customer never sees an update the portal would not
 * answer with a moment later.
 */
@ApplicationScoped
public class ReadModelFeed implements EventHandler {

    public static final String NAME = "portal-api.read-model";

    private final InboundEvents inbound;
    private final EventLog log;
    private final ReadModelProjector projector;
    private final ShipmentUpdateBroadcaster broadcaster;
    private final Pool pool;
    /**
     * Changes applied by a handling that has not been confirmed committed yet, by event id. Bounded: a handling
     * triggered by an operator's dead-letter replay is never announced and must not accumulate here.
     */
    private final Map<String, ShipmentChange> unannounced = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ShipmentChange> eldest) {
            return size() > 1_000;
        }
    });

    public ReadModelFeed(InboundEvents inbound, EventLog log, ReadModelProjector projector,
                         ShipmentUpdateBroadcaster broadcaster, Pool pool) {
        this.inbound = inbound;
        this.log = log;
        this.projector = projector;
        this.broadcaster = broadcaster;
        this.pool = pool;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return projector.projects(event);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        unannounced.remove(event.id()); // a retry after a rolled-back attempt starts clean
        return log.append(event, EventData.of(event).customerId())
                .chain(firstTime -> firstTime ? projector.apply(event) : Uni.createFrom().nullItem())
                .invoke(change -> {
                    if (change != null) {
                        unannounced.put(event.id(), change);
                    }
                })
                .replaceWithVoid();
    }

    @Incoming("order-events")
    public Uni<Void> onOrderEvent(Message<JsonObject> message) {
        return deliver(message);
    }

    @Incoming("shipment-events")
    public Uni<Void> onShipmentEvent(Message<JsonObject> message) {
        return deliver(message);
    }

    @Incoming("billing-events")
    public Uni<Void> onBillingEvent(Message<JsonObject> message) {
        return deliver(message);
    }

    @Incoming("odoo-events")
    public Uni<Void> onOdooEvent(Message<JsonObject> message) {
        return deliver(message);
    }

    private Uni<Void> deliver(Message<JsonObject> message) {
        String eventId = message.getPayload() instanceof JsonObject json ? json.getString("id") : null;
        return inbound.process(message, this).call(() -> announceIfCommitted(eventId));
    }

    /**
     * {@link InboundEvents#process} also completes after parking a failed event in the dead-letter store; the
     * inbox row exists only if the projection committed, so it decides whether the change is real.
     */
    private Uni<Void> announceIfCommitted(String eventId) {
        ShipmentChange change = eventId == null ? null : unannounced.remove(eventId);
        if (change == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("SELECT 1 FROM inbox_message WHERE consumer = $1 AND message_id = $2")
                .execute(Tuple.of(NAME, eventId))
                .invoke(rows -> {
                    if (rows.size() == 1) {
                        broadcaster.publish(change);
                    }
                })
                .replaceWithVoid();
    }
}
