package io.waybill.order.support;

import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.StockReserved;
import io.waybill.events.order.OrderEvents;
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

    /**
     * An order for STANDARD delivery in Germany, submitted and taken to its booking request: inventory reserved
     * its stock at WH-BERLIN (acme-3pl). Returns the order id.
     */
    public static String awaitingBookingAtBerlin(SimulatedParticipants broker, String customerId, String sku) {
        String orderId = Orders.submit(Orders.order(customerId, "DE", "STANDARD", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        reserve(broker, orderId, "WH-BERLIN", sku);
        Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1);
        return orderId;
    }

    /** {@link #awaitingBookingAtBerlin}, then booked with swiftpost: the order is BOOKED. Returns the order id. */
    public static String bookedAtBerlin(SimulatedParticipants broker, String customerId, String sku) {
        String orderId = awaitingBookingAtBerlin(broker, customerId, sku);
        book(broker, orderId, customerId, "swiftpost");
        Awaiting.status(orderId, "BOOKED");
        return orderId;
    }
}
