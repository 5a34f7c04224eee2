package io.waybill.portal.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.waybill.portal.readmodel.ShipmentChange;
import io.waybill.portal.wording.CustomerWording;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans committed shipment changes out to the customers watching. In-process: each replica announces the events it
 * consumed, so with several replicas a subscriber sees the share of its replica's queue; a cross-replica fan-out
 * (a broker topic per replica) is the next step when the portal scales out.
 */
@ApplicationScoped
public class ShipmentUpdateBroadcaster {

    private final BroadcastProcessor<ShipmentChange> changes = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final CustomerWording wording;
    private final int bufferSize;

    public ShipmentUpdateBroadcaster(CustomerWording wording,
                                     @ConfigProperty(name = "waybill.portal.live.buffer-size", defaultValue = "256")
                                     int bufferSize) {
        this.wording = wording;
        this.bufferSize = bufferSize;
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

    /** Live subscriptions on this replica. */
    public int subscribers() {
        return subscribers.get();
    }
}
