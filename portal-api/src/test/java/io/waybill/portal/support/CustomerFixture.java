package io.waybill.portal.support;

import io.waybill.events.EventEnvelope;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One customer with a delivered order, its parcel's whole journey (including an exception), an invoice with a
 * payment and a credit note: every kind of record the portal shows. Ids are unique per fixture, since the test
 * database is shared by all test classes.
 */
public record CustomerFixture(String customerId, String orderId, String orderNumber, String shipmentId,
                              String trackingNumber, String invoiceId, String invoiceNumber, String creditNoteId,
                              String creditNoteNumber, Instant placedAt, Instant deliveredAt,
                              List<EventEnvelope> events) {

    public static CustomerFixture of(String label, boolean withOrderNumber) {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String customerId = "CUST-" + label + "-" + suffix;
        String orderId = UUID.randomUUID().toString();
        String shipmentId = UUID.randomUUID().toString();
        String invoiceId = UUID.randomUUID().toString();
        String creditNoteId = UUID.randomUUID().toString();
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);
        Instant deliveredAt = placedAt.plus(2, ChronoUnit.DAYS);
        String orderNumber = withOrderNumber ? "SO-" + suffix : null;
        String tracking = "1Z" + suffix + "TRK";
        String invoiceNumber = "INV-" + suffix;
        String creditNoteNumber = "CN-" + suffix;

        List<EventEnvelope> events = new ArrayList<>();
        events.add(Events.orderAccepted(orderId, customerId, orderNumber, placedAt, "MUG-BLUE-330", "4", "PLATE-WHITE", "2"));
        events.add(Events.orderStatusChanged(orderId, customerId, "ACCEPTED", "ON_HOLD", placedAt.plusSeconds(60)));
        events.add(Events.orderStatusChanged(orderId, customerId, "ON_HOLD", "SHIPPED", placedAt.plusSeconds(3600)));
        events.add(Events.orderStatusChanged(orderId, customerId, "SHIPPED", "DELIVERED", deliveredAt));
        events.add(Events.shipmentBooked(shipmentId, orderId, customerId, tracking, placedAt.plusSeconds(1800)));
        events.add(Events.milestone(shipmentId, orderId, customerId, "PICKED_UP", placedAt.plusSeconds(3600)));
        events.add(Events.milestone(shipmentId, orderId, customerId, "EXCEPTION", placedAt.plusSeconds(7200)));
        events.add(Events.milestone(shipmentId, orderId, customerId, "OUT_FOR_DELIVERY", deliveredAt.minusSeconds(3600)));
        events.add(Events.delivered(shipmentId, orderId, customerId, deliveredAt));
        events.add(Events.invoiceIssued(invoiceId, customerId, orderId, shipmentId, invoiceNumber, "129.90", deliveredAt.plusSeconds(60)));
        events.add(Events.paymentUpdated(invoiceId, customerId, "PARTIALLY_PAID", "29.90", deliveredAt.plusSeconds(120)));
        events.add(Events.creditNoteIssued(creditNoteId, invoiceId, customerId, creditNoteNumber, "10.00", deliveredAt.plusSeconds(180)));
        return new CustomerFixture(customerId, orderId, orderNumber, shipmentId, tracking, invoiceId, invoiceNumber,
                creditNoteId, creditNoteNumber, placedAt, deliveredAt, List.copyOf(events));
    }

    /** The event that arrived last and so stamps the freshness of the customer's invoices. */
    public Instant lastBillingEventAt() {
        return deliveredAt.plusSeconds(180);
    }

    public CustomerFixture publishedThrough(EventFeed feed) {
        feed.publishAndAwait(events.toArray(EventEnvelope[]::new));
        return this;
    }
}
