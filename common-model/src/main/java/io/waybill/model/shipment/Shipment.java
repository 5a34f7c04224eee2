package io.waybill.model.shipment;

import io.waybill.model.Address;
import io.waybill.model.Require;
import io.waybill.model.order.Parcel;

import java.util.List;

/**
 * One consignment of an order with one carrier service: its parcels, where it goes, and once booked the
 * carrier's tracking number. {@code lastMilestone} is null until the carrier reported anything.
 */
public record Shipment(String shipmentId, String orderId, String customerId, CarrierService service,
                       String trackingNumber, List<Parcel> parcels, Address shipTo, Milestone lastMilestone) {

    public Shipment {
        Require.id(shipmentId, "shipmentId");
        Require.id(orderId, "orderId");
        Require.id(customerId, "customerId");
        Require.present(service, "service");
        if (trackingNumber != null) {
            Require.id(trackingNumber, "trackingNumber");
        }
        parcels = Require.nonEmpty(parcels, "parcels");
        Require.present(shipTo, "shipTo");
    }

    public boolean isBooked() {
        return trackingNumber != null;
    }
}
