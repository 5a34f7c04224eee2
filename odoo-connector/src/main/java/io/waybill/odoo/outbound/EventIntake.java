package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.inbox.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The streams odoo-connector follows, each from its own durable queue ({@code <stream>::<stream>.odoo-connector}).
 * Every message goes through the shared inbox: the write it asks for is queued in the same transaction that marks
 * the message processed, so a redelivered event queues nothing twice.
 */
@ApplicationScoped
public class EventIntake {

    private final InboundEvents inbound;
    private final OrderStreamHandler orders;
    private final ShipmentStreamHandler shipments;
    private final BillingStreamHandler billing;
    private final InventoryStreamHandler inventory;

    public EventIntake(InboundEvents inbound, OrderStreamHandler orders, ShipmentStreamHandler shipments,
                       BillingStreamHandler billing, InventoryStreamHandler inventory) {
        this.inbound = inbound;
        this.orders = orders;
        this.shipments = shipments;
        this.billing = billing;
        this.inventory = inventory;
    }

    @Incoming("order-events")
    public Uni<Void> orderEvent(Message<?> message) {
        return inbound.process(message, orders);
    }

    @Incoming("shipment-events")
    public Uni<Void> shipmentEvent(Message<?> message) {
        return inbound.process(message, shipments);
    }

    @Incoming("billing-events")
    public Uni<Void> billingEvent(Message<?> message) {
        return inbound.process(message, billing);
    }

    @Incoming("inventory-events")
    public Uni<Void> inventoryEvent(Message<?> message) {
        return inbound.process(message, inventory);
    }
}
