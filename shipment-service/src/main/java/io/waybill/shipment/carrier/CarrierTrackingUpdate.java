package io.waybill.shipment.carrier;

import io.waybill.model.shipment.ProofOfDelivery;

import java.time.Instant;

/**
 * One tracking event as a carrier reported it, before normalization: its status in the carrier's own words
 * ({@code statusDetail} where the carrier refines it), the carrier's time of the event, and proof of delivery when
 * the event is a delivery. {@code carrierEventId} is the carrier's id of the event if it has one.
 */
public record CarrierTrackingUpdate(
        String trackingNumber,
        String carrierEventId,
        String carrierStatus,
        String statusDetail,
        Instant occurredAt,
        String location,
        String description,
        ProofOfDelivery proofOfDelivery) {
}
