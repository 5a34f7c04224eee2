package io.waybill.events.shipment;

import io.waybill.model.Money;
import io.waybill.model.shipment.LabelFormat;

import java.time.LocalDate;

/**
 * Data of {@code waybill.shipment.booked.v1}. {@code promisedDeliveryDate} is the carrier's promise at booking time
 * (absent when the carrier gives none); {@code serviceLevel} is the Waybill service level the booking satisfied.
 * {@code warehouseId} is the origin of the booking request this answers (absent from older publishers): an order
 * split across warehouses gets one shipment per warehouse, and the saga tells them apart by it.
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
        LabelFormat labelFormat,
        String warehouseId) {

    /** A booking that does not say its origin (the shape before {@code warehouseId} was added). */
    public ShipmentBooked(String shipmentId, String orderId, String customerId, String carrierId, String serviceCode,
                          String serviceLevel, String trackingNumber, Money quotedCost, LocalDate promisedDeliveryDate,
                          LabelFormat labelFormat) {
        this(shipmentId, orderId, customerId, carrierId, serviceCode, serviceLevel, trackingNumber, quotedCost,
                promisedDeliveryDate, labelFormat, null);
    }
}
