package io.waybill.events.inventory;

import io.waybill.model.Quantity;

/**
 * The warehouse could not pick all of an order line: {@code shortQuantity} was not on the shelf. On hand and the
 * order's reservation have been reduced by it; the saga decides whether to reallocate elsewhere or hold the order.
 */
public record PickShortageReported(String orderId, String warehouseId, String sku, String lot, Quantity shortQuantity,
                                   String partnerId, String partnerEventId, String reservationId) {
}
