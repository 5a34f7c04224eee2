package io.waybill.events.inventory;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by inventory-service on {@link EventStream#INVENTORY}. */
public final class InventoryEvents {

    /** Reply to a stock-reservation request: every line is reserved. Subject: the order id. */
    public static final EventType<StockReserved> STOCK_RESERVED = EventType.of(
            "waybill.inventory.stock-reserved.v1", EventStream.INVENTORY, StockReserved.class);

    /** Reply to a stock-reservation request: nothing reserved, with the shortages. Subject: the order id. */
    public static final EventType<ReservationRejected> RESERVATION_REJECTED = EventType.of(
            "waybill.inventory.reservation-rejected.v1", EventStream.INVENTORY, ReservationRejected.class);

    /** A reservation gave its stock back (release request or expiry). Subject: the order id. */
    public static final EventType<ReservationReleased> RESERVATION_RELEASED = EventType.of(
            "waybill.inventory.reservation-released.v1", EventStream.INVENTORY, ReservationReleased.class);

    /**
     * A booked shipment found no held stock to confirm (the reservation expired or was released first). Subject:
     * the order id.
     */
    public static final EventType<ReservationConfirmationRefused> RESERVATION_CONFIRMATION_REFUSED = EventType.of(
            "waybill.inventory.reservation-confirmation-refused.v1", EventStream.INVENTORY,
            ReservationConfirmationRefused.class);

    /** On hand changed for a physical reason. Subject: {@code warehouseId/sku}. */
    public static final EventType<StockAdjusted> STOCK_ADJUSTED = EventType.of(
            "waybill.inventory.stock-adjusted.v1", EventStream.INVENTORY, StockAdjusted.class);

    /** A warehouse could not pick an order line in full. Subject: the order id. */
    public static final EventType<PickShortageReported> PICK_SHORTAGE_REPORTED = EventType.of(
            "waybill.inventory.pick-shortage-reported.v1", EventStream.INVENTORY, PickShortageReported.class);

    /** A partner snapshot disagreed with the ledger. Subject: {@code warehouseId/sku}. */
    public static final EventType<ReconciliationDiscrepancyFound> RECONCILIATION_DISCREPANCY_FOUND = EventType.of(
            "waybill.inventory.reconciliation-discrepancy-found.v1", EventStream.INVENTORY,
            ReconciliationDiscrepancyFound.class);

    public static final List<EventType<?>> ALL = List.of(
            STOCK_RESERVED, RESERVATION_REJECTED, RESERVATION_RELEASED, STOCK_ADJUSTED, PICK_SHORTAGE_REPORTED,
            RECONCILIATION_DISCREPANCY_FOUND, RESERVATION_CONFIRMATION_REFUSED);

    private InventoryEvents() {
    }
}
