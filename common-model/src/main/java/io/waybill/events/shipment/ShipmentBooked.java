package io.waybill.events.shipment;

import io.waybill.model.Money;
import io.waybill.model.shipment.LabelFormat;

import java.time.LocalDate;

/**
 * Data of {@code waybill.shipment.booked.v1}. {@code promisedDeliveryDate} is the carrier's promise at booking time
 * (absent when the carrier gives none); {@code serviceLevel} is the Waybill service level the booking satisfied.
 */
public record ShipmentBooked(
        String shipmentId,
        String orderId,
        String customerId,
        String carrierId,
        String serviceCode,
        String serviceLevel,
        String trackingNumber,
        Money quotedCost,
        LocalDate promisedDeliveryDate,
        LabelFormat labelFormat) {
}
