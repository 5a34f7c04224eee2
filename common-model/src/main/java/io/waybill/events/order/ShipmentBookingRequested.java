package io.waybill.events.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Address;
import io.waybill.model.Money;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;

import java.util.List;

/**
 * Data of {@code waybill.order.shipment-booking-requested.v1}. {@code allowedCarriers} is in preference order and
 * holds only carriers that routing allows and that have not already failed for this order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentBookingRequested(
        String orderId,
        String customerId,
        String warehouseId,
        Address shipTo,
        ServiceLevel serviceLevel,
        List<Parcel> parcels,
        List<String> allowedCarriers,
        Money declaredValue) {
}
