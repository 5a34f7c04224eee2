package io.waybill.order.support;

import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.StockReserved;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentBookingFailed;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Money;
import io.waybill.model.Quantity;
import io.waybill.model.inventory.Allocation;
import io.waybill.model.shipment.LabelFormat;

import java.time.Instant;
import java.util.List;

/** Ready-made participant replies, as inventory-service and shipment-service would send them. */
public final class Participants {

    private Participants() {
    }

    public static StockReserved stockReserved(String orderId, String warehouseId, String sku) {
        return new StockReserved(orderId, "res-" + orderId,
                List.of(new Allocation("1", warehouseId, sku, null, Quantity.each(2))),
                Instant.now().plusSeconds(3600));
    }

    /** Inventory split the allocation: one unit of the line from each warehouse (the order allows splitting). */
    public static StockReserved stockReservedSplit(String orderId, String sku, String firstWarehouse, String secondWarehouse) {
        return new StockReserved(orderId, "res-" + orderId,
                List.of(new Allocation("1", firstWarehouse, sku, null, Quantity.each(1)),
                        new Allocation("1", secondWarehouse, sku, null, Quantity.each(1))),
                Instant.now().plusSeconds(3600));
    }

    public static ShipmentBooked booked(String orderId, String customerId, String carrierId) {
        return new ShipmentBooked("shp-" + orderId, orderId, customerId, carrierId, carrierId + "-standard",
                "STANDARD", "TRK-" + orderId, Money.of("7.90", "EUR"), null, LabelFormat.PDF);
    }

    public static ShipmentBookingFailed bookingFailed(String orderId, String... tried) {
        return new ShipmentBookingFailed(orderId, "no carrier accepted the parcel", List.of(tried), List.of());
    }

    public static void reserve(SimulatedParticipants broker, String orderId, String warehouseId, String sku) {
        broker.publish(InventoryEvents.STOCK_RESERVED, orderId, stockReserved(orderId, warehouseId, sku));
    }

    public static void book(SimulatedParticipants broker, String orderId, String customerId, String carrierId) {
        broker.publish(ShipmentEvents.SHIPMENT_BOOKED, orderId, booked(orderId, customerId, carrierId));
    }
}
