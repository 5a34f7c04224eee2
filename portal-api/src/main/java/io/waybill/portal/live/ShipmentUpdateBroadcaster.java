package io.waybill.portal.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.waybill.portal.readmodel.ShipmentChange;
import io.waybill.portal.wording.CustomerWording;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans committed shipment changes out to the customers watching. In-process: each replica announces the events it
 * consumed, so with several replicas a subscriber sees the share of its replica's queue; a cross-replica fan-out
 * (a broker topic per replica) is the next step when the portal scales out.
 */
@ApplicationScoped
public class ShipmentUpdateBroadcaster {

    public static final String EVENT_NAME = "shipment-update";

    private final BroadcastProcessor<ShipmentChange> changes = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final CustomerWording wording;
    private final int bufferSize;
    private final Duration heartbeat;

    public ShipmentUpdateBroadcaster(CustomerWording wording,
                                     @ConfigProperty(name = "waybill.portal.live.buffer-size", defaultValue = "256")
                                     int bufferSize,
                                     @ConfigProperty(name = "waybill.portal.live.heartbeat", defaultValue = "15s")
                                     Duration heartbeat) {
        this.wording = wording;
        this.bufferSize = bufferSize;
        this.heartbeat = heartbeat;
    }

    public void publish(ShipmentChange change) {
        changes.onNext(change);
    }

    /**
     * The updates of one customer's parcels, and nobody else's. A subscriber that falls more than the buffer behind
     * is dropped (its client reconnects and reloads) rather than slowing every other customer down.
     */
    public Multi<ShipmentUpdate> updatesFor(String customerId) {
        return changes
                .filter(change -> customerId.equals(change.customerId()))
                .map(change -> new ShipmentUpdate(change.trackingNumber(), change.orderNumber(),
                        wording.milestone(change.milestone()), change.occurredAt(), change.location(), change.asOf()))
                .onOverflow().buffer(bufferSize)
                .onSubscription().invoke(subscribers::incrementAndGet)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /**
     * The customer's updates as server-sent events ({@code shipment-update}), with a keep-alive comment every
     * heartbeat so proxies and load balancers with an idle timeout do not cut a quiet stream.
     */
    public Multi<OutboundSseEvent> updatesFor(String customerId, Sse sse) {
        Multi<OutboundSseEvent> updates = updatesFor(customerId).map(update -> sse.newEventBuilder()
                .name(EVENT_NAME)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ShipmentUpdate.class, update)
                .build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(heartbeat)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(updates, keepAlive);
    }

    /** Live subscriptions on this replica. */
    public int subscribers() {
        return subscribers.get();
    }
}
