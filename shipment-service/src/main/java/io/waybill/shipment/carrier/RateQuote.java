package io.waybill.shipment.carrier;

import io.waybill.model.Money;
import io.waybill.model.order.ServiceLevel;

import java.time.LocalDate;

/**
 * One carrier service offered for a shipment at a price. {@code transitDays} and {@code promisedDeliveryDate} are
 * the carrier's promise where it gives one; {@code carrierRateRef} and {@code carrierShipmentRef} are the carrier's
 * own handles needed to buy this very rate (EasyPost's rate and shipment ids).
 */
public record RateQuote(
        String carrierId,
        String serviceCode,
        ServiceLevel serviceLevel,
        Money cost,
        Integer transitDays,
        LocalDate promisedDeliveryDate,
        String carrierRateRef,
        String carrierShipmentRef) {
}
