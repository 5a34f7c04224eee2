package io.waybill.shipment.booking;

import io.waybill.model.Address;
import io.waybill.model.Money;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.shipment.carrier.ShipmentSpec;

import java.util.List;

/** What is to be booked, whatever carrier ends up carrying it: the request of the saga, resolved to addresses. */
public record BookingPlan(
        String reference,
        String warehouseId,
        Address shipFrom,
        Address shipTo,
        ServiceLevel serviceLevel,
        List<Parcel> parcels,
        Money declaredValue,
        List<String> allowedCarriers) {

    /** The shipment as one carrier is asked about it, in the label format that carrier is set up for. */
    public ShipmentSpec specFor(LabelFormat format) {
        return new ShipmentSpec(reference, shipFrom, shipTo, serviceLevel, parcels, declaredValue, format);
    }
}
