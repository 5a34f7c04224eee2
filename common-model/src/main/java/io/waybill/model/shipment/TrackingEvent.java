package io.waybill.model.shipment;

import io.waybill.model.Require;

import java.time.Instant;

/**
 * One scan or status report of a carrier, normalized. {@code milestone} is null when the carrier's status is not
 * (yet) in its mapping table: such events are kept and flagged, never dropped. {@code occurredAt} is the carrier's
 * time of the event, {@code receivedAt} when Waybill learned of it.
 */
public record TrackingEvent(
        String carrierId,
        String trackingNumber,
        String carrierStatus,
        Milestone milestone,
        Instant occurredAt,
        Instant receivedAt,
        String location,
        String description) {

    public TrackingEvent {
        Require.id(carrierId, "carrierId");
        Require.id(trackingNumber, "trackingNumber");
        Require.text(carrierStatus, "carrierStatus");
        Require.present(occurredAt, "occurredAt");
        Require.present(receivedAt, "receivedAt");
    }
}
