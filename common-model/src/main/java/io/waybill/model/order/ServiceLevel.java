package io.waybill.model.order;

/**
 * The delivery speed a customer asked for. Routing rules choose warehouses and carriers by it, and shipment-service
 * maps it to each carrier's own service codes.
 */
public enum ServiceLevel {
    ECONOMY,
    STANDARD,
    EXPRESS,
    NEXT_DAY
}
