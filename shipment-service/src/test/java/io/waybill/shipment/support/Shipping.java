package io.waybill.shipment.support;

import io.waybill.events.EventJson;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.model.Address;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.tracking.signature.StandardWebhooks;
import io.restassured.response.ValidatableResponse;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The steps shipment tests are made of: ask for a booking, wait for its outcome, send carrier webhooks. */
public final class Shipping {

    public static final String SWIFTPOST_SECRET = "whsec_bmV3LXN3aWZ0cG9zdC10ZXN0LXNlY3JldC0xMTExMTE=";
    public static final String SWIFTPOST_OLD_SECRET = "whsec_b2xkLXN3aWZ0cG9zdC10ZXN0LXNlY3JldC0wMDAwMDA=";
    public static final String PARCELLY_SECRET = "whsec_c2FuZGJveC1wYXJjZWxseS1sb2NhbC1kZXYtc2VjcmV0";
    public static final Address BERLIN = new Address("Erika Mustermann", null, "Hauptstrasse 5", null, "Berlin", null,
            "10115", "DE", null, null);
    public static final Address CHARLESTON = new Address("Dr. Steve Brule", null, "179 N Harbor Dr", null,
            "Charleston", "SC", "29401", "US", "8573875756", null);

    private Shipping() {
    }

    public static String newOrderId() {
        return "ord-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ShipmentBookingRequested bookingRequest(String orderId, Address shipTo, ServiceLevel level,
                                                          String... carriers) {
        return new ShipmentBookingRequested(orderId, "C-1001", "WH-BER", shipTo, level,
                List.of(new Parcel(new BigDecimal("2.5"), new BigDecimal("40"), new BigDecimal("30"), new BigDecimal("20"))),
                List.of(carriers), null);
    }

    public static void requestBooking(TestEvents events, ShipmentBookingRequested request) {
        events.publish(OrderEvents.SHIPMENT_BOOKING_REQUESTED, request.orderId(), request);
    }

    /** Waits for the booking of an order to end, and returns the booking request row. */
    public static Map<String, Object> awaitBookingOutcome(String orderId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT COUNT(*) FROM booking_request WHERE order_id = ? AND status IN ('BOOKED', 'FAILED')", orderId) == 1);
        return Db.one("SELECT * FROM booking_request WHERE order_id = ?", orderId);
    }

    public static Map<String, Object> shipmentOf(String orderId) {
        return Db.one("SELECT * FROM shipment WHERE order_id = ? AND kind = 'OUTBOUND'", orderId);
    }

    /** A sandbox tracking event in the sandbox carriers' own webhook format. */
    public static String sandboxEvent(String trackingNumber, String status, Instant at) {
        String pod = "DELIVERED".equals(status)
                ? ",\"proofOfDelivery\":{\"signer\":\"E. MUSTERMANN\",\"photoUrl\":\"sandbox://pod/" + trackingNumber + ".jpg\"}"
                : "";
        return "{\"eventId\":\"sbx-evt-" + UUID.randomUUID() + "\",\"trackingNumber\":\"" + trackingNumber
                + "\",\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\",\"location\":\"Leipzig, DE\""
                + ",\"description\":\"" + status.toLowerCase() + "\"" + pod + "}";
    }

    /** A sandbox delivery scan with its proof of delivery: who signed, a photo and a signature reference. */
    public static String sandboxDelivery(String trackingNumber, Instant at, String signer, String photoUrl,
                                         String signatureUrl) {
        return "{\"eventId\":\"sbx-evt-" + UUID.randomUUID() + "\",\"trackingNumber\":\"" + trackingNumber
                + "\",\"status\":\"DELIVERED\",\"occurredAt\":\"" + at + "\",\"location\":\"Leipzig, DE\""
                + ",\"description\":\"delivered\",\"proofOfDelivery\":{\"signer\":\"" + signer + "\",\"photoUrl\":\""
                + photoUrl + "\",\"signatureUrl\":\"" + signatureUrl + "\"}}";
    }

    /** Posts a body to a carrier's webhook endpoint, signed the Standard Webhooks way under a fresh webhook-id. */
    public static ValidatableResponse postSigned(String carrierId, String secret, String body) {
        String id = "msg_" + UUID.randomUUID();
        return postSigned(carrierId, id, Instant.now().getEpochSecond(),
                StandardWebhooks.sign(secret, id, Instant.now().getEpochSecond(), body), body);
    }

    public static ValidatableResponse postSigned(String carrierId, String id, long timestamp, String signature, String body) {
        return given().contentType("application/json")
                .header(StandardWebhooks.ID, id)
                .header(StandardWebhooks.TIMESTAMP, String.valueOf(timestamp))
                .header(StandardWebhooks.SIGNATURE, signature)
                .body(body)
                .when().post("/carriers/" + carrierId + "/webhooks").then();
    }

    /** Waits until every stored webhook has been processed (or set aside). */
    public static void awaitWebhooksProcessed() {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE status = 'RECEIVED' AND attempts = 0") == 0);
    }

    public static String dataOf(String envelope, String field) {
        try {
            return EventJson.mapper().readTree(envelope).path("data").path(field).asText(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
