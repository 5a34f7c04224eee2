package io.waybill.shipment.carrier;

import io.waybill.model.Money;
import io.waybill.model.shipment.LabelFormat;

/** A bought label: the tracking number it carries and the label document exactly as the carrier gave it. */
public record PurchasedLabel(
        String trackingNumber,
        String carrierShipmentRef,
        LabelFormat format,
        byte[] content,
        Money cost) {
}
