package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.odoo.writequeue.WriteQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Shipment facts Odoo should show on the order's delivery: the tracking number once a label is bought, and the
 * delivery validated once the goods are delivered. Orders that did not come from Odoo are ignored.
 */
@ApplicationScoped
public class ShipmentStreamHandler implements EventHandler {

    private final OdooLookups lookups;
    private final WriteQueue queue;

    public ShipmentStreamHandler(OdooLookups lookups, WriteQueue queue) {
        this.lookups = lookups;
        this.queue = queue;
    }

    @Override
    public String name() {
        return "odoo-connector.shipments";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(ShipmentEvents.SHIPMENT_BOOKED) || event.is(ShipmentEvents.SHIPMENT_DELIVERED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        if (event.is(ShipmentEvents.SHIPMENT_BOOKED)) {
            ShipmentBooked booked = event.dataAs(ShipmentEvents.SHIPMENT_BOOKED);
            if (booked.trackingNumber() == null) {
                return Uni.createFrom().voidItem();
            }
            return lookups.odooOrderOf(booked.orderId()).chain(odooOrder -> odooOrder.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : queue.enqueue(WriteRequests.TrackingRef.OPERATION, booked.shipmentId(),
                    new WriteRequests.TrackingRef(booked.shipmentId(), booked.orderId(), odooOrder.get(),
                            booked.trackingNumber(), booked.carrierId()), event.id()));
        }
        ShipmentDelivered delivered = event.dataAs(ShipmentEvents.SHIPMENT_DELIVERED);
        return lookups.odooOrderOf(delivered.orderId()).chain(odooOrder -> odooOrder.isEmpty()
                ? Uni.createFrom().voidItem()
                : queue.enqueue(WriteRequests.DeliveryValidation.OPERATION, delivered.shipmentId(),
                new WriteRequests.DeliveryValidation(delivered.shipmentId(), delivered.orderId(), odooOrder.get(),
                        List.of()), event.id()));
    }
}
