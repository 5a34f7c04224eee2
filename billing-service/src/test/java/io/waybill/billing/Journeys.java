package io.waybill.billing;

import java.time.Duration;
import java.time.Instant;

import static io.waybill.billing.BillingDatabase.count;
import static io.waybill.billing.BillingDatabase.single;
import static org.awaitility.Awaitility.await;

/** Shipments brought to a given billing state through the broker, as the other services would. */
public final class Journeys {

    private Journeys() {
    }

    /** Booking request and booking published; returns once billing has rated the shipment. */
    public static ShipmentEventsFixture booked(StreamPublisher publisher, String customerId, String orderId,
                                               String carrierId, String quote) {
        ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, customerId, orderId, carrierId);
        shipment.bookingRequested();
        shipment.booked(quote);
        return rated(shipment);
    }

    /** Returns once billing has rated the shipment (its booking request and booking already published). */
    public static ShipmentEventsFixture rated(ShipmentEventsFixture shipment) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM billable_shipment WHERE shipment_id = ? AND charge_status = 'RATED'",
                shipment.shipmentId) == 1);
        return shipment;
    }

    /** Booked and delivered (per-shipment terms); returns the invoice id once it is issued. */
    public static String invoiced(StreamPublisher publisher, ShipmentEventsFixture shipment) {
        shipment.delivered(Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> single(
                "SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", shipment.shipmentId) != null);
        return single("SELECT invoice_id FROM billable_shipment WHERE shipment_id = ?", shipment.shipmentId);
    }
}
