package io.waybill.events.inventory;

import io.waybill.model.Quantity;

import java.util.List;

/**
 * Nothing was reserved for the order (reservations are all or nothing). {@code reason} is a stable code:
 * {@code insufficient-stock} (the candidate warehouses together hold too little) or {@code split-not-allowed}
 * (enough stock, but no single warehouse holds all of it and the order may not ship in parts).
 */
public record ReservationRejected(String orderId, String reason, List<Shortage> shortages) {

    public static final String INSUFFICIENT_STOCK = "insufficient-stock";
    public static final String SPLIT_NOT_ALLOWED = "split-not-allowed";

    /** One SKU the order wants more of than could be allocated. */
    public record Shortage(String sku, Quantity requested, Quantity available) {
    }
}
