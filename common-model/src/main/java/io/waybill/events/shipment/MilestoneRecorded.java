package io.waybill.events.shipment;

import io.waybill.model.shipment.Milestone;

import java.time.Instant;

/**
 * Data of {@code waybill.shipment.milestone-recorded.v1}: one new carrier event in a shipment's history.
 * <p>
 * Carriers deliver events late and out of order, so consumers must not take {@code milestone} as the shipment's
 * state: {@code shipmentStatus} is the state after this event was applied (a late {@code IN_TRANSIT} scan arriving
 * after delivery leaves it {@code DELIVERED}), and {@code occurredAt} is the carrier's own time of the event.
 * {@code returnId} is set when the shipment is a return. {@code warehouseId} is the warehouse the shipment leaves
 * from (a return's: the one it goes back to; absent from older publishers): an order split across warehouses ships
 * one shipment per warehouse, and inventory consumes only that warehouse's part when its goods leave.
 */
public record MilestoneRecorded(
        String shipmentId,
        String orderId,
        String customerId,
        Milestone milestone,
        String carrierStatus,
        Instant occurredAt,
        Instant receivedAt,
        String location,
        String description,
        Milestone shipmentStatus,
        String returnId,
        String warehouseId) {

    /** A milestone that does not say its origin (the shape before {@code warehouseId} was added). */
    public MilestoneRecorded(String shipmentId, String orderId, String customerId, Milestone milestone,
                             String carrierStatus, Instant occurredAt, Instant receivedAt, String location,
                             String description, Milestone shipmentStatus, String returnId) {
        this(shipmentId, orderId, customerId, milestone, carrierStatus, occurredAt, receivedAt, location, description,
                shipmentStatus, returnId, null);
    }
}
