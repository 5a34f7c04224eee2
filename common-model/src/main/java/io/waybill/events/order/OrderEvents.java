package io.waybill.events.order;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/**
 * Events published by order-service on {@link EventStream#ORDERS}: the facts of an order's life, and the requests
 * its order-to-dispatch saga sends to inventory-service and shipment-service (which reply on their own streams).
 */
public final class OrderEvents {

    /** An order passed intake validation; the saga starts from it. */
    public static final EventType<OrderAccepted> ACCEPTED =
            EventType.of("waybill.order.accepted.v1", EventStream.ORDERS, OrderAccepted.class);

    /** Asks inventory-service to reserve the order's lines in one of the candidate warehouses (in routing order). */
    public static final EventType<StockReservationRequested> STOCK_RESERVATION_REQUESTED =
            EventType.of("waybill.order.stock-reservation-requested.v1", EventStream.ORDERS, StockReservationRequested.class);

    /**
     * Compensation: asks inventory-service to release whatever it holds for the order, or with {@code warehouseIds}
     * only its unshipped stock in those warehouses. Safe to repeat.
     */
    public static final EventType<StockReleaseRequested> STOCK_RELEASE_REQUESTED =
            EventType.of("waybill.order.stock-release-requested.v1", EventStream.ORDERS, StockReleaseRequested.class);

    /** Asks shipment-service to book the order with one of the allowed carriers (in preference order). */
    public static final EventType<ShipmentBookingRequested> SHIPMENT_BOOKING_REQUESTED =
            EventType.of("waybill.order.shipment-booking-requested.v1", EventStream.ORDERS, ShipmentBookingRequested.class);

    /** Compensation: asks shipment-service to cancel a booked shipment. */
    public static final EventType<ShipmentCancellationRequested> SHIPMENT_CANCELLATION_REQUESTED =
            EventType.of("waybill.order.shipment-cancellation-requested.v1", EventStream.ORDERS, ShipmentCancellationRequested.class);

    /** Every lifecycle transition, with its reason; the portal and odoo-connector follow it. */
    public static final EventType<OrderStatusChanged> STATUS_CHANGED =
            EventType.of("waybill.order.status-changed.v1", EventStream.ORDERS, OrderStatusChanged.class);

    /** The order was handed to the warehouse or 3PL that picks it. */
    public static final EventType<OrderReleasedToWarehouse> RELEASED_TO_WAREHOUSE =
            EventType.of("waybill.order.released-to-warehouse.v1", EventStream.ORDERS, OrderReleasedToWarehouse.class);

    public static final List<EventType<?>> ALL = List.of(ACCEPTED, STOCK_RESERVATION_REQUESTED,
            STOCK_RELEASE_REQUESTED, SHIPMENT_BOOKING_REQUESTED, SHIPMENT_CANCELLATION_REQUESTED, STATUS_CHANGED,
            RELEASED_TO_WAREHOUSE);

    private OrderEvents() {
    }
}
