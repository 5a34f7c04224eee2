package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.odoo.writequeue.WriteQueue;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Shipment facts Odoo should show on the order's delivery: the tracking number once a label is bought, the
 * delivery validated once the goods are delivered, and a customer's return booked against that delivery once the
 * goods are back in the warehouse. Orders that did not come from Odoo are ignored; an event that overtook its
 * order's acceptance waits for it ({@link EventsAwaitingOrder}).
 * <p>
 * An authorized return ({@code return-authorized}) changes nothing in Odoo: Odoo's stock moves when the goods do,
 * so the return picking is made and validated together when they arrive ({@code return-received}).
 * <p>
 * An order split across warehouses ships as one shipment per warehouse while Odoo holds one delivery for the order
 * ({@link ShipmentParts}): each shipment's tracking number is written beside the others', and a delivered part
 * validates only the lines its release shipped, Odoo keeping the rest as a backorder. An order shipped whole is
 * validated whole, as is a shipment whose release was not seen here (logged).
 */
@ApplicationScoped
public class ShipmentStreamHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(ShipmentStreamHandler.class);

    private final OdooLookups lookups;
    private final WriteQueue queue;
    private final EventsAwaitingOrder awaiting;
    private final ShipmentParts parts;

    public ShipmentStreamHandler(OdooLookups lookups, WriteQueue queue, EventsAwaitingOrder awaiting,
                                 ShipmentParts parts) {
        this.lookups = lookups;
        this.queue = queue;
        this.awaiting = awaiting;
        this.parts = parts;
    }

    @Override
    public String name() {
        return "odoo-connector.shipments";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(ShipmentEvents.SHIPMENT_BOOKED) || event.is(ShipmentEvents.SHIPMENT_DELIVERED)
                || event.is(ShipmentEvents.RETURN_RECEIVED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        String orderId = orderIdOf(event);
        if (orderId == null) {
            return Uni.createFrom().voidItem();
        }
        return lookups.originOf(orderId).chain(origin -> {
            if (!origin.accepted()) {
                return awaiting.park(orderId, event);
            }
            return origin.odooOrderId().isEmpty()
                    ? Uni.createFrom().voidItem() // not an Odoo order: nothing to write back
                    : queueWriteBack(event, origin.odooOrderId().get());
        });
    }

    private static String orderIdOf(EventEnvelope event) {
        if (event.is(ShipmentEvents.SHIPMENT_BOOKED)) {
            ShipmentBooked booked = event.dataAs(ShipmentEvents.SHIPMENT_BOOKED);
            // A booking without a tracking number has nothing to write.
            return booked.trackingNumber() == null ? null : booked.orderId();
        }
        if (event.is(ShipmentEvents.RETURN_RECEIVED)) {
            return event.dataAs(ShipmentEvents.RETURN_RECEIVED).orderId();
        }
        return event.dataAs(ShipmentEvents.SHIPMENT_DELIVERED).orderId();
    }

    private Uni<Void> queueWriteBack(EventEnvelope event, long odooOrder) {
        if (event.is(ShipmentEvents.SHIPMENT_BOOKED)) {
            ShipmentBooked booked = event.dataAs(ShipmentEvents.SHIPMENT_BOOKED);
            // Where it leaves from: a split order's shipments leave from different warehouses (TrackingRefOperation).
            return parts.rememberBooking(booked.shipmentId(), booked.orderId(), booked.warehouseId(), booked.trackingNumber())
                    .chain(() -> queue.enqueue(WriteRequests.TrackingRef.OPERATION, booked.shipmentId(),
                            new WriteRequests.TrackingRef(booked.shipmentId(), booked.orderId(), odooOrder,
                                    booked.trackingNumber(), booked.carrierId()), event.id()));
        }
        if (event.is(ShipmentEvents.RETURN_RECEIVED)) {
            ReturnReceived received = event.dataAs(ShipmentEvents.RETURN_RECEIVED);
            // An Odoo order's lines reach Waybill in the product's own unit (OdooMapping: EACH), so a returned
            // quantity's value is a quantity in Odoo's unit too.
            return queue.enqueue(WriteRequests.ReturnReceipt.OPERATION, received.returnId(),
                    new WriteRequests.ReturnReceipt(received.returnId(), received.shipmentId(), received.orderId(),
                            odooOrder, received.lines().stream()
                            .map(line -> new WriteRequests.ReturnedLine(line.sku(), line.quantity().value()))
                            .toList()), event.id());
        }
        ShipmentDelivered delivered = event.dataAs(ShipmentEvents.SHIPMENT_DELIVERED);
        return parts.scopeOf(delivered.shipmentId()).chain(scope -> {
            List<WriteRequests.ShippedLine> lines = List.of(); // everything reserved: an order shipped whole
            if (scope instanceof ShipmentParts.Part part) {
                lines = part.lines();
            } else if (scope instanceof ShipmentParts.Unknown unknown) {
                LOG.warnf("Shipment %s of order %s delivered, but which lines it carried is unknown: %s. The order's "
                                + "whole Odoo delivery is validated, as for an order shipped whole.",
                        delivered.shipmentId(), delivered.orderId(), unknown.why());
            }
            return queue.enqueue(WriteRequests.DeliveryValidation.OPERATION, delivered.shipmentId(),
                    new WriteRequests.DeliveryValidation(delivered.shipmentId(), delivered.orderId(), odooOrder, lines),
                    event.id());
        });
    }
}
