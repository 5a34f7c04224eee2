package io.waybill.portal.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of the other services, built by the contract's type names and field names (foundation-api.md), with the
 * internal fields they really carry (costs, carriers, partners, raw carrier statuses) so tests can prove the
 * portal keeps them in.
 */
public final class Events {

    private Events() {
    }

    public static EventEnvelope envelope(String type, String source, String subject, String customerId, Instant time,
                                         JsonNode data) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), "urn:waybill:" + source,
                type, time, subject, "urn:waybill:schema:" + type, EventEnvelope.JSON, subject, null, customerId, data);
    }

    static ObjectNode object() {
        return EventJson.mapper().createObjectNode();
    }

    public static ObjectNode money(String amount, String currency) {
        ObjectNode money = object();
        money.put("amount", new BigDecimal(amount));
        money.put("currency", currency);
        return money;
    }

    public static EventEnvelope orderAccepted(String orderId, String customerId, String orderNumber, Instant at,
                                              String... skuAndCount) {
        ObjectNode data = object()
                .put("orderId", orderId)
                .put("customerId", customerId)
                .put("channel", "WEBSHOP")
                .put("sourceSystem", "shopify")
                .put("sourceReference", "PO-" + orderId.substring(0, 6))
                .put("serviceLevel", "STANDARD")
                .put("allowSplit", true)
                .put("requestedCarrier", "carrier-internal-dhl")
                .put("promisedDate", "2026-11-27");
        if (orderNumber != null) {
            data.put("orderNumber", orderNumber);
        }
        data.putObject("shipTo").put("name", "Ada Buyer").put("street1", "Hauptstrasse 1").put("city", "Berlin")
                .put("postalCode", "10115").put("countryCode", "DE");
        var lines = data.putArray("lines");
        for (int i = 0; i < skuAndCount.length; i += 2) {
            ObjectNode line = lines.addObject().put("lineId", "line-internal-" + UUID.randomUUID()).put("sku", skuAndCount[i]);
            line.putObject("quantity").put("value", Integer.parseInt(skuAndCount[i + 1])).put("unit", "EACH");
        }
        return envelope("waybill.order.accepted.v1", "order-service", orderId, customerId, at, data);
    }

    public static EventEnvelope orderStatusChanged(String orderId, String customerId, String previous, String status,
                                                   Instant at) {
        ObjectNode data = object().put("orderId", orderId).put("customerId", customerId)
                .put("previousStatus", previous).put("status", status)
                .put("reason", "internal: reservation-rejected at partner-internal-3pl").put("changedAt", at.toString());
        return envelope("waybill.order.status-changed.v1", "order-service", orderId, customerId, at, data);
    }

    public static EventEnvelope shipmentBooked(String shipmentId, String orderId, String customerId, String tracking,
                                               Instant at) {
        ObjectNode data = object().put("shipmentId", shipmentId).put("orderId", orderId).put("customerId", customerId)
                .put("carrierId", "carrier-internal-dhl").put("serviceCode", "EXPRESS_INTERNAL_RATE")
                .put("trackingNumber", tracking).put("promisedDeliveryDate", "2026-11-27").put("labelFormat", "PDF")
                .put("partnerId", "partner-internal-3pl");
        data.set("quotedCost", money("13.37", "EUR"));
        return envelope("waybill.shipment.booked.v1", "shipment-service", shipmentId, customerId, at, data);
    }

    public static EventEnvelope milestone(String shipmentId, String orderId, String customerId, String milestone,
                                          Instant occurredAt) {
        ObjectNode data = object().put("shipmentId", shipmentId).put("orderId", orderId).put("customerId", customerId)
                .put("milestone", milestone).put("carrierStatus", "XC-77-RAW")
                .put("occurredAt", occurredAt.toString()).put("receivedAt", occurredAt.plusSeconds(5).toString())
                .put("location", "Rotterdam, NL")
                .put("description", "internal note: driver reports customer never home");
        return envelope("waybill.shipment.milestone-recorded.v1", "shipment-service", shipmentId, customerId,
                occurredAt.plusSeconds(5), data);
    }

    /** A scan as shipment-service publishes it, with the parcel's state after it (late scans do not undo it). */
    public static EventEnvelope milestone(String shipmentId, String orderId, String customerId, String milestone,
                                          Instant occurredAt, String shipmentStatus, String returnId) {
        EventEnvelope event = milestone(shipmentId, orderId, customerId, milestone, occurredAt);
        ObjectNode data = (ObjectNode) event.data();
        data.put("shipmentStatus", shipmentStatus);
        if (returnId != null) {
            data.put("returnId", returnId);
        }
        return event;
    }

    /** shipment-service's return events carry the correlation id of the portal's return-requested event. */
    public static EventEnvelope returnProgress(String type, String shipmentId, String orderId, String customerId,
                                               String returnTracking, String correlationId, Instant at) {
        ObjectNode data = object().put("returnId", "ret-" + UUID.randomUUID()).put("shipmentId", shipmentId)
                .put("orderId", orderId).put("customerId", customerId).put("returnShipmentId", "shp-ret-internal")
                .put("carrierId", "carrier-internal-dhl").put("warehouseId", "wh-internal-1");
        if (returnTracking != null) {
            data.put("trackingNumber", returnTracking);
        }
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), "urn:waybill:shipment-service",
                type, at, shipmentId, "urn:waybill:schema:" + type, EventEnvelope.JSON, correlationId, null, customerId,
                data);
    }

    public static EventEnvelope delivered(String shipmentId, String orderId, String customerId, Instant at) {
        ObjectNode data = object().put("shipmentId", shipmentId).put("orderId", orderId).put("customerId", customerId)
                .put("deliveredAt", at.toString()).put("signer", "J. SMITH")
                .put("proofOfDeliveryRef", "carrier-internal-dhl:pod/" + shipmentId + "/photo.jpg")
                .put("photoRef", "carrier-internal-dhl:pod/" + shipmentId + "/photo.jpg");
        return envelope("waybill.shipment.delivered.v1", "shipment-service", shipmentId, customerId, at, data);
    }

    public static EventEnvelope invoiceIssued(String invoiceId, String customerId, String orderId, String shipmentId,
                                              String number, String total, Instant at) {
        ObjectNode data = object().put("invoiceId", invoiceId).put("customerId", customerId).put("orderId", orderId)
                .put("number", number).put("issuedAt", at.toString()).put("dueDate", "2026-12-23");
        data.putArray("shipmentIds").add(shipmentId);
        ObjectNode line = data.putArray("lines").addObject().put("description", "Freight").put("margin", "4.20");
        line.set("carrierInvoice", object().put("carrierInvoiceId", "carrier-invoice-internal-77"));
        line.set("cost", money("13.37", "EUR"));
        data.set("total", money(total, "EUR"));
        return envelope("waybill.billing.invoice-issued.v1", "billing-service", invoiceId, customerId, at, data);
    }

    public static EventEnvelope creditNoteIssued(String creditNoteId, String invoiceId, String customerId,
                                                 String number, String total, Instant at) {
        ObjectNode data = object().put("noteId", creditNoteId).put("kind", "CREDIT").put("invoiceId", invoiceId)
                .put("customerId", customerId).put("number", number).put("issuedAt", at.toString())
                .put("reason", "internal: carrier overcharged us");
        data.set("total", money(total, "EUR"));
        return envelope("waybill.billing.credit-note-issued.v1", "billing-service", creditNoteId, customerId, at, data);
    }

    public static EventEnvelope paymentUpdated(String invoiceId, String customerId, String state, String amountDue,
                                               Instant at) {
        ObjectNode data = object().put("invoiceId", invoiceId).put("customerId", customerId).put("paymentState", state);
        data.set("amountDue", money(amountDue, "EUR"));
        return envelope("waybill.billing.invoice-payment-updated.v1", "billing-service", invoiceId, customerId, at, data);
    }
}
