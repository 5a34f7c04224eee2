package io.waybill.portal.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.portal.returns.ReturnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies one event of another service to the portal's read model. Used for live events and for rebuilds alike,
 * so a rebuilt read model is exactly what live consumption would have produced.
 * <p>
 * Runs inside the caller's transaction. Every row is stamped with the time of the last event applied to it
 * ({@code asOf}); status fields only move forward in the source's time, so an old event replayed late (from the
 * dead-letter store) does not roll a shipment back from DELIVERED to IN_TRANSIT.
 * <p>
 * Only what a customer may see is kept: costs, carriers, partners, raw carrier statuses and descriptions are not
 * even stored, so no later endpoint can leak them.
 */
@ApplicationScoped
public class ReadModelProjector {

    private static final Logger LOG = Logger.getLogger(ReadModelProjector.class);

    static final String ORDER_ACCEPTED = "waybill.order.accepted.v1";
    static final String ORDER_STATUS_CHANGED = "waybill.order.status-changed.v1";
    static final String SHIPMENT_BOOKED = "waybill.shipment.booked.v1";
    static final String SHIPMENT_MILESTONE_RECORDED = "waybill.shipment.milestone-recorded.v1";
    static final String SHIPMENT_DELIVERED = "waybill.shipment.delivered.v1";
    static final String SHIPMENT_CANCELLED = "waybill.shipment.cancelled.v1";
    static final String INVOICE_ISSUED = "waybill.billing.invoice-issued.v1";
    static final String CREDIT_NOTE_ISSUED = "waybill.billing.credit-note-issued.v1";
    static final String DEBIT_NOTE_ISSUED = "waybill.billing.debit-note-issued.v1";
    static final String RETURN_AUTHORIZED = "waybill.shipment.return-authorized.v1";
    static final String RETURN_RECEIVED = "waybill.shipment.return-received.v1";
    static final String RETURN_REFUSED = "waybill.shipment.return-refused.v1";
    static final String INVOICE_PAYMENT_UPDATED = "waybill.billing.invoice-payment-updated.v1";
    static final String ODOO_INVOICE_PAYMENT_UPDATED = "waybill.odoo.invoice-payment-updated.v1";

    /** The event types the read model is built from; everything else on the four streams is acknowledged unread. */
    public static final Set<String> PROJECTED = Set.of(ORDER_ACCEPTED, ORDER_STATUS_CHANGED, SHIPMENT_BOOKED,
            SHIPMENT_MILESTONE_RECORDED, SHIPMENT_DELIVERED, SHIPMENT_CANCELLED, RETURN_AUTHORIZED, RETURN_RECEIVED,
            RETURN_REFUSED, INVOICE_ISSUED, CREDIT_NOTE_ISSUED, DEBIT_NOTE_ISSUED, INVOICE_PAYMENT_UPDATED,
            ODOO_INVOICE_PAYMENT_UPDATED);

    private static final String NOT_PAID = "NOT_PAID";
    private static final List<String> RETURN_PROGRESS = List.of("REQUESTED", "AUTHORIZED", "RECEIVED");

    public boolean projects(EventEnvelope event) {
        return PROJECTED.contains(event.type());
    }

    /**
     * Applies the event.
     *
     * @return the change to a customer's shipment the live feed should announce, or null
     */
    public Uni<ShipmentChange> apply(EventEnvelope event) {
        EventData data = EventData.of(event);
        return switch (event.type()) {
            case ORDER_ACCEPTED -> noShipmentChange(orderAccepted(data));
            case ORDER_STATUS_CHANGED -> noShipmentChange(orderStatusChanged(data));
            case SHIPMENT_BOOKED -> shipmentBooked(data);
            case SHIPMENT_MILESTONE_RECORDED -> milestoneRecorded(data);
            case SHIPMENT_DELIVERED -> delivered(data);
            case SHIPMENT_CANCELLED -> cancelled(data);
            case INVOICE_ISSUED -> noShipmentChange(invoiceIssued(data));
            case CREDIT_NOTE_ISSUED -> noShipmentChange(noteIssued(data, PortalInvoice.CREDIT_NOTE));
            case DEBIT_NOTE_ISSUED -> noShipmentChange(noteIssued(data, PortalInvoice.DEBIT_NOTE));
            case RETURN_AUTHORIZED -> noShipmentChange(returnProgressed(data, "AUTHORIZED"));
            case RETURN_RECEIVED -> noShipmentChange(returnProgressed(data, "RECEIVED"));
            case RETURN_REFUSED -> noShipmentChange(returnProgressed(data, "REFUSED"));
            case INVOICE_PAYMENT_UPDATED, ODOO_INVOICE_PAYMENT_UPDATED -> noShipmentChange(paymentUpdated(data));
            default -> Uni.createFrom().nullItem();
        };
    }

    private static Uni<ShipmentChange> noShipmentChange(Uni<Void> applied) {
        return applied.replaceWith((ShipmentChange) null);
    }

    // --- orders

    private Uni<Void> orderAccepted(EventData data) {
        String orderId = data.require("orderId");
        return PortalOrder.<PortalOrder>findById(orderId).chain(existing -> {
            PortalOrder order = existing != null ? existing : new PortalOrder();
            order.orderId = orderId;
            order.customerId = requireCustomer(data);
            order.orderNumber = publicOrderNumber(data, orderId);
            order.customerReference = data.text("sourceReference");
            order.serviceLevel = data.text("serviceLevel");
            order.shipTo = data.node("shipTo").isObject() ? EventJson.write(data.node("shipTo")) : null;
            order.lines = EventJson.write(customerLines(data.node("lines")));
            order.promisedDate = data.text("promisedDate");
            order.placedAt = data.instantOrEventTime("acceptedAt");
            if (existing == null) {
                order.internalStatus = "ACCEPTED";
                // Any status change order-service reports wins over this placeholder, even one stamped before the
                // accepted event was (order-service validates before it announces the order).
                order.statusChangedAt = Instant.EPOCH;
            }
            order.asOf = data.eventTime();
            return existing != null ? Uni.createFrom().voidItem() : order.persist().replaceWithVoid();
        });
    }

    private Uni<Void> orderStatusChanged(EventData data) {
        String orderId = data.require("orderId");
        return PortalOrder.<PortalOrder>findById(orderId).invoke(order -> {
            if (order == null) {
                // order-service records RECEIVED and VALIDATED before it publishes the order as accepted, and an
                // order held at intake is never accepted: customers see orders from acceptance on, so these are
                // expected and carry nothing the accepted event does not.
                LOG.debugf("Status change of order %s before its acceptance ignored", orderId);
                return;
            }
            Instant changedAt = data.instantOrEventTime("changedAt");
            if (!changedAt.isBefore(order.statusChangedAt)) {
                order.internalStatus = data.require("status").toUpperCase(Locale.ROOT);
                order.statusChangedAt = changedAt;
            }
            order.asOf = max(order.asOf, data.eventTime());
        }).replaceWithVoid();
    }

    /**
     * Keeps only what the customer ordered: SKU and quantity, in order. Line ids are internal and dropped.
     */
    private static ArrayNode customerLines(JsonNode lines) {
        ArrayNode kept = EventJson.mapper().createArrayNode();
        for (JsonNode line : lines) {
            ObjectNode copy = kept.addObject();
            copy.put("sku", line.path("sku").asText());
            if (line.hasNonNull("description")) {
                copy.put("description", line.path("description").asText());
            }
            copy.set("quantity", line.path("quantity"));
        }
        return kept;
    }

    /**
     * The number customers quote for an order. order-service's own order number when its event carries one;
     * otherwise a stable number derived from the order id (same on every rebuild) that does not reveal the id.
     */
    static String publicOrderNumber(EventData data, String orderId) {
        String number = data.text("orderNumber");
        if (number != null) {
            return number;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(orderId.getBytes(StandardCharsets.UTF_8));
            StringBuilder digits = new StringBuilder("WB-");
            String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
            for (int i = 0; i < 10; i++) {
                digits.append(alphabet.charAt((hash[i] & 0xFF) % alphabet.length()));
            }
            return digits.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- shipments

    private Uni<ShipmentChange> shipmentBooked(EventData data) {
        return shipment(data).chain(shipment -> {
            shipment.trackingNumber = data.text("trackingNumber");
            shipment.promisedDeliveryDate = data.text("promisedDeliveryDate");
            return announce(shipment, shipment.milestoneAt, null);
        });
    }

    private Uni<ShipmentChange> milestoneRecorded(EventData data) {
        if (data.text("returnId") != null) {
            // A return parcel's scans: the customer follows the return itself, not a second parcel of the order.
            return Uni.createFrom().nullItem();
        }
        String milestone = data.require("milestone").toUpperCase(Locale.ROOT);
        Instant occurredAt = data.instantOrEventTime("occurredAt");
        String location = locationOf(data.node("location"));
        String statusAfter = data.text("shipmentStatus");
        return shipment(data).chain(shipment -> {
            ShipmentMilestone step = new ShipmentMilestone();
            step.eventId = data.envelope().id();
            step.shipmentId = shipment.shipmentId;
            step.milestone = milestone;
            step.occurredAt = occurredAt;
            step.location = location;
            if (statusAfter != null) {
                // shipment-service already resolved late and out-of-order scans into the parcel's state.
                String status = statusAfter.toUpperCase(Locale.ROOT);
                if (!status.equals(shipment.milestone)) {
                    shipment.milestone = status;
                    shipment.milestoneAt = occurredAt;
                }
            } else {
                advance(shipment, milestone, occurredAt);
            }
            return step.persist().chain(() -> announce(shipment, occurredAt, location));
        });
    }

    private Uni<ShipmentChange> delivered(EventData data) {
        Instant deliveredAt = data.instantOrEventTime("deliveredAt");
        return shipment(data).chain(shipment -> {
            shipment.deliveredAt = deliveredAt;
            shipment.signedBy = data.text("signer", "signedBy");
            shipment.proofOfDeliveryRef = data.text("proofOfDeliveryRef");
            shipment.podPhotoRef = data.text("photoRef");
            shipment.podSignatureRef = data.text("signatureRef");
            advance(shipment, "DELIVERED", deliveredAt);
            return announce(shipment, deliveredAt, null);
        });
    }

    private Uni<ShipmentChange> cancelled(EventData data) {
        Instant at = data.instantOrEventTime("cancelledAt");
        return shipment(data).chain(shipment -> {
            advance(shipment, "CANCELLED", at);
            return announce(shipment, at, null);
        });
    }

    /** The shipment's row, created from whatever event of it arrives first. */
    private Uni<PortalShipment> shipment(EventData data) {
        String shipmentId = data.require("shipmentId");
        return PortalShipment.<PortalShipment>findById(shipmentId).chain(existing -> {
            if (existing != null) {
                existing.asOf = max(existing.asOf, data.eventTime());
                return Uni.createFrom().item(existing);
            }
            PortalShipment shipment = new PortalShipment();
            shipment.shipmentId = shipmentId;
            shipment.orderId = data.require("orderId");
            shipment.customerId = requireCustomer(data);
            shipment.milestone = "PRE_TRANSIT";
            shipment.milestoneAt = data.eventTime();
            shipment.asOf = data.eventTime();
            return shipment.persist().replaceWith(shipment);
        });
    }

    /** Moves the shipment's current milestone only forward in carrier time: carriers report out of order. */
    private static void advance(PortalShipment shipment, String milestone, Instant occurredAt) {
        if (!occurredAt.isBefore(shipment.milestoneAt) || "PRE_TRANSIT".equals(shipment.milestone)) {
            shipment.milestone = milestone;
            shipment.milestoneAt = occurredAt;
        }
    }

    /** The parcel's state after the event, with the time and place of the event, for the live feed. */
    private Uni<ShipmentChange> announce(PortalShipment shipment, Instant occurredAt, String location) {
        if (shipment.trackingNumber == null) {
            return Uni.createFrom().nullItem();
        }
        return PortalOrder.<PortalOrder>findById(shipment.orderId).map(order -> new ShipmentChange(
                shipment.customerId, shipment.trackingNumber, order == null ? null : order.orderNumber,
                shipment.milestone, occurredAt, location, shipment.asOf));
    }

    /** A carrier location as one line: a string as given, or the city/region/country of a structured one. */
    private static String locationOf(JsonNode location) {
        if (location.isTextual()) {
            return location.asText();
        }
        if (location.isObject()) {
            StringBuilder line = new StringBuilder();
            for (String part : new String[]{"city", "region", "countryCode", "country"}) {
                if (location.hasNonNull(part) && !location.path(part).asText().isBlank()) {
                    line.append(line.isEmpty() ? "" : ", ").append(location.path(part).asText());
                }
            }
            return line.isEmpty() ? null : line.toString();
        }
        return null;
    }

    // --- returns

    /**
     * shipment-service authorized or received a return. Its events carry the flow's correlation id, which the
     * portal's return-requested event started; returns not asked for through the portal are not the portal's.
     * A return only moves forward: REQUESTED, AUTHORIZED, RECEIVED; or from REQUESTED to REFUSED (shipment-service
     * will not authorize it), which ends it.
     */
    private Uni<Void> returnProgressed(EventData data, String status) {
        String flow = data.envelope().correlationid();
        if (flow == null) {
            return Uni.createFrom().voidItem();
        }
        return ReturnRequest.<ReturnRequest>find("correlationId = ?1 and customerId = ?2 and orderId = ?3 "
                        + "order by requestedAt desc", flow, requireCustomer(data), data.require("orderId"))
                .firstResult()
                .invoke(request -> {
                    if (request == null) {
                        return;
                    }
                    boolean forward = status.equals("REFUSED") ? request.status.equals("REQUESTED")
                            : RETURN_PROGRESS.contains(request.status)
                            && RETURN_PROGRESS.indexOf(status) > RETURN_PROGRESS.indexOf(request.status);
                    if (forward) {
                        request.status = status;
                    }
                    String tracking = data.text("trackingNumber");
                    if (tracking != null) {
                        request.returnTrackingNumber = tracking;
                    }
                    request.asOf = max(request.asOf, data.eventTime());
                })
                .replaceWithVoid();
    }

    // --- invoices

    private Uni<Void> invoiceIssued(EventData data) {
        return issueDocument(data, data.require("invoiceId"), PortalInvoice.INVOICE);
    }

    /** billing-service's adjustment notes ({@code noteId}); {@code creditNoteId} is accepted as well. */
    private Uni<Void> noteIssued(EventData data, String kind) {
        String noteId = data.text("noteId", "creditNoteId");
        if (noteId == null) {
            throw new IllegalArgumentException(data.envelope().type() + " " + data.envelope().id() + " has no noteId");
        }
        return issueDocument(data, noteId, kind);
    }

    private Uni<Void> issueDocument(EventData data, String documentId, String kind) {
        return PortalInvoice.<PortalInvoice>findById(documentId).chain(existing -> {
            PortalInvoice document = existing != null ? existing : new PortalInvoice();
            document.documentId = documentId;
            document.kind = kind;
            document.customerId = requireCustomer(data);
            document.number = data.require("number");
            document.orderId = data.text("orderId");
            document.correctsId = PortalInvoice.INVOICE.equals(kind) ? null : data.text("invoiceId");
            document.issuedAt = data.instantOrEventTime("issuedAt");
            document.dueDate = data.text("dueDate");
            document.totalAmount = data.amount("total");
            document.currency = data.currency("total");
            if (document.totalAmount == null || document.currency == null) {
                throw new IllegalArgumentException(data.envelope().type() + " " + data.envelope().id()
                        + " has no total {amount, currency}");
            }
            if (existing == null) {
                document.paymentState = paymentStateOf(data, PortalInvoice.CREDIT_NOTE.equals(kind) ? "ISSUED" : NOT_PAID);
                document.amountDue = PortalInvoice.CREDIT_NOTE.equals(kind) ? null : document.totalAmount;
            }
            document.asOf = max(document.asOf, data.eventTime());
            return existing != null ? Uni.createFrom().voidItem() : document.persist().replaceWithVoid();
        });
    }

    /**
     * A payment update from billing-service or from Odoo's accounting (via odoo-connector). Either may name the
     * invoice by id or by number; an update for an invoice the portal has not seen yet is retried by the inbox
     * and then parked in the dead-letter store rather than lost.
     */
    private Uni<Void> paymentUpdated(EventData data) {
        String invoiceId = data.text("invoiceId");
        String number = data.text("invoiceNumber", "number");
        Uni<PortalInvoice> lookup = invoiceId != null
                ? PortalInvoice.findById(invoiceId)
                : PortalInvoice.find("customerId = ?1 and number = ?2", requireCustomer(data), number).firstResult();
        return lookup.invoke(invoice -> {
            if (invoice == null) {
                throw new IllegalStateException("Payment update " + data.envelope().id() + " for an invoice not seen yet: "
                        + (invoiceId != null ? invoiceId : number));
            }
            Instant at = data.eventTime();
            if (invoice.asOf != null && at.isBefore(invoice.asOf)) {
                return; // an older report arriving late must not undo a newer payment state
            }
            invoice.paymentState = paymentStateOf(data, invoice.paymentState);
            var due = data.amount("amountDue") != null ? data.amount("amountDue") : data.amount("amountResidual");
            if (due != null) {
                invoice.amountDue = due;
            }
            invoice.asOf = at;
        }).replaceWithVoid();
    }

    /** Normalizes billing's (PARTIALLY_PAID) and Odoo's (in_payment) spellings to one upper-case code. */
    private static String paymentStateOf(EventData data, String fallback) {
        String state = data.text("paymentState", "paymentStatus", "state");
        return state == null ? fallback : state.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static String requireCustomer(EventData data) {
        String customerId = data.customerId();
        if (customerId == null) {
            throw new IllegalArgumentException(data.envelope().type() + " " + data.envelope().id()
                    + " names no customer: the portal cannot tell whose it is");
        }
        return customerId;
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
