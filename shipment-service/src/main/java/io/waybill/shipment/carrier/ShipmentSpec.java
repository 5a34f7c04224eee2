package io.waybill.shipment.carrier;

import io.waybill.model.Address;
import io.waybill.model.Money;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.shipment.LabelFormat;

import java.util.List;

/**
 * What is to be shipped, as every carrier adapter is asked about it: from where to where, at which service level,
 * in which parcels. {@code reference} is Waybill's reference printed on the label (the order id).
 */
public record ShipmentSpec(
        String reference,
        Address shipFrom,
        Address shipTo,
        ServiceLevel serviceLevel,
        List<Parcel> parcels,
        Money declaredValue,
        LabelFormat labelFormat) {

    public ShipmentSpec {
        parcels = List.copyOf(parcels);
    }
}
