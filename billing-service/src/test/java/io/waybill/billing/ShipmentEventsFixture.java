package io.waybill.billing;

import io.waybill.events.EventEnvelope;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.shipment.ReturnAuthorized;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentCancelled;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Address;
import io.waybill.model.Money;
import io.waybill.model.Quantity;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.model.shipment.ReturnLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One shipment's journey as order-service and shipment-service report it, published onto the real streams. */
public final class ShipmentEventsFixture {

    public final String orderId;
    public final String shipmentId;
    public final String customerId;
    public final String carrierId;
    public final String trackingNumber;
    private final StreamPublisher publisher;

    public ShipmentEventsFixture(StreamPublisher publisher, String customerId, String orderId, String carrierId) {
        this.publisher = publisher;
        this.customerId = customerId;
        this.orderId = orderId;
        this.carrierId = carrierId;
        String unique = UUID.randomUUID().toString().substring(0, 8);
        this.shipmentId = "SHP-" + unique;
        this.trackingNumber = "TRK" + unique.toUpperCase();
    }

    public static String newOrderId() {
        return "ORD-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Order asks for STANDARD to Germany, one 4 kg parcel (volumetric 3.2 kg): zone Z1, band up to 5 kg. */
    public EventEnvelope bookingRequested() {
        return publisher.publish(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, customerId,
                new ShipmentBookingRequested(orderId, customerId, "WH-BER",
                        new Address("Erika Mustermann", null, "Hauptstrasse 5", null, "Berlin", null, "10115", "DE",
                                null, null),
                        ServiceLevel.STANDARD,
                        List.of(new Parcel(new BigDecimal("4.0"), new BigDecimal("40"), new BigDecimal("20"),
                                new BigDecimal("20"))),
                        List.of(carrierId), null));
    }

    /** The order's booking request with a destination and parcels of the test's choosing. */
    public EventEnvelope bookingRequested(ServiceLevel serviceLevel, String countryCode, List<Parcel> parcels) {
        return publisher.publish(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, customerId,
                new ShipmentBookingRequested(orderId, customerId, "WH-BER",
                        new Address("Erika Mustermann", null, "Main Street 5", null, "Springfield", null, "10115",
                                countryCode, null, null),
                        serviceLevel, parcels, List.of(carrierId), null));
    }

    public EventEnvelope booked(String quotedCost) {
        return booked(Money.of(quotedCost, "EUR"));
    }

    /** Booked at the carrier; {@code quotedCost} may be null (a carrier that quotes no cost at booking). */
    public EventEnvelope booked(Money quotedCost) {
        return booked("STANDARD", quotedCost);
    }

    public EventEnvelope booked(String serviceLevel, Money quotedCost) {
        return publisher.publish(ShipmentEvents.SHIPMENT_BOOKED, shipmentId, customerId,
                new ShipmentBooked(shipmentId, orderId, customerId, carrierId, carrierId.toUpperCase() + "-STD",
                        serviceLevel, trackingNumber, quotedCost, null, LabelFormat.values()[0]));
    }

    public EventEnvelope cancelled(String reason) {
        return publisher.publish(ShipmentEvents.SHIPMENT_CANCELLED, shipmentId, customerId,
                new ShipmentCancelled(shipmentId, orderId, reason));
    }

    public EventEnvelope delivered(Instant deliveredAt) {
        return publisher.publish(ShipmentEvents.SHIPMENT_DELIVERED, shipmentId, customerId,
                new ShipmentDelivered(shipmentId, orderId, customerId, deliveredAt, "E. Mustermann",
                        "pod-" + shipmentId, null, null));
    }

    /** A return label bought with this shipment's carrier for goods of this shipment, as shipment-service reports it. */
    public Return returnAuthorized(Money labelCost) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Return authorized = new Return(this, "RET-" + unique, "SHP-R" + unique, "RTN" + unique.toUpperCase());
        return authorized.authorized(labelCost);
    }

    /**
     * A return of this shipment whose ids and tracking number are decided but which shipment-service has not reported
     * yet (its label may be billed before the authorization reaches billing); {@link Return#authorized} reports it.
     */
    public Return returnNotYetReported() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new Return(this, "RET-" + unique, "SHP-R" + unique, "RTN" + unique.toUpperCase());
    }

    /** A return shipment of {@code original}: its own shipment id and tracking number, the original's order. */
    public record Return(ShipmentEventsFixture original, String returnId, String shipmentId, String trackingNumber,
                         EventEnvelope event) {

        Return(ShipmentEventsFixture original, String returnId, String shipmentId, String trackingNumber) {
            this(original, returnId, shipmentId, trackingNumber, null);
        }

        /** The same return reported (again) as a new event, e.g. with the label cost a first report lacked. */
        public Return authorized(Money labelCost) {
            // Subject = the original shipment, as shipment-service publishes it.
            EventEnvelope published = original.publisher.publish(ShipmentEvents.RETURN_AUTHORIZED, original.shipmentId,
                    original.customerId, new ReturnAuthorized(returnId, original.shipmentId, original.orderId,
                            original.customerId, List.of(new ReturnLine("SKU-MUG", Quantity.each(1))), "damaged",
                            shipmentId, original.carrierId, trackingNumber, "WH-BER", labelCost));
            return new Return(original, returnId, shipmentId, trackingNumber, published);
        }

        /** The return shipment delivered back to the warehouse (shipment-service reports it like any delivery). */
        public EventEnvelope deliveredBack(Instant deliveredAt) {
            return original.publisher.publish(ShipmentEvents.SHIPMENT_DELIVERED, shipmentId, original.customerId,
                    new ShipmentDelivered(shipmentId, original.orderId, original.customerId, deliveredAt, "Goods-in",
                            "pod-" + shipmentId, null, null));
        }
    }
}
