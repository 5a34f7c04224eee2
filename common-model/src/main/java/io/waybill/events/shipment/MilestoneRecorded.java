package io.waybill.events.shipment;

import io.waybill.model.shipment.Milestone;

import java.time.Instant;

/**
 * Data of {@code waybill.shipment.milestone-recorded.v1}: one new carrier event in a shipment's history.
 * <p>
 * Carriers deliver events late and out of order, so consumers must not take {@code milestone} as the shipment's
 * state: {@code shipmentStatus} is the state after this event was applied (a late {@code IN_TRANSIT} scan arriving
 * after delivery leaves it {@code DELIVERED}), and {@code occurredAt} is the carrier's own time of the event.
 * {@code returnId} is set when the shipment is a return.
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
        String returnId) {
}
