package io.waybill.events.order;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Data of {@code waybill.order.stock-release-requested.v1}: release every reservation of the order. The optional
 * {@code reservationId} names the reservation order-service knows of, when it knows one.
 * <p>
 * The optional {@code warehouseIds} (absent from older publishers) narrows the release to the order's allocations in
 * those warehouses: a split order whose part in one warehouse was cancelled while another part is on the road gives
 * back only the cancelled part's stock; the rest stays reserved for the part that shipped. Absent (or empty) means
 * the whole reservation, as before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockReleaseRequested(String orderId, String reason, String reservationId, List<String> warehouseIds) {

    public StockReleaseRequested {
        warehouseIds = warehouseIds == null ? null : List.copyOf(warehouseIds);
    }

    /** A release of everything the order holds (the shape before {@code warehouseIds} was added). */
    public StockReleaseRequested(String orderId, String reason, String reservationId) {
        this(orderId, reason, reservationId, null);
    }

    /** Whether the release is narrowed to some warehouses; otherwise it releases the whole reservation. */
    public boolean onlySomeWarehouses() {
        return warehouseIds != null && !warehouseIds.isEmpty();
    }
}
