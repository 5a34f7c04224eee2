package io.waybill.portal.readmodel;

import java.time.Instant;

/**
 * What changed on a customer's shipment through one event, for the live feed. Internal: it carries the customer
 * id so the feed can route it; the feed turns it into the customer's view.
 */
public record ShipmentChange(String customerId, String trackingNumber, String orderNumber, String milestone,
                             Instant occurredAt, String location, Instant asOf) {
}
