package io.waybill.order.saga;

import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.OrderReleasedToWarehouse;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.order.ShipmentCancellationRequested;
import io.waybill.events.order.StockReleaseRequested;
import io.waybill.events.order.StockReservationRequested;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.order.lifecycle.OrderLifecycle;
import io.waybill.order.routing.RoutingDecision;
import io.waybill.order.routing.RoutingRules;
import io.waybill.order.saga.Replies.BookingFailed;
import io.waybill.order.saga.Replies.PickShortage;
import io.waybill.order.saga.Replies.ReservationRejected;
import io.waybill.order.saga.Replies.ShipmentBooked;
import io.waybill.order.saga.FulfilmentPart.CancelAnswer;
import io.waybill.order.saga.FulfilmentPart.Progress;
import io.waybill.order.saga.Replies.StockReserved;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.waybill.model.order.OrderStatus.*;

/**
 * The order-to-dispatch saga, in the order the business runs it:
 * <ol>
 *     <li><b>Reserve stock</b> (inventory-service) in the warehouses routing allows. Rejected: hold. Reserved in
 *     one warehouse, the order is one {@link FulfilmentPart}; split across warehouses (when the order allows it),
 *     one part per warehouse, each shipped on its own.</li>
 *     <li><b>Book a shipment per part</b> (shipment-service) with the carriers routing allows. Fallback: ask again
 *     with the allowed carriers not yet tried for that part. Compensation when none is left: cancel the parts'
 *     other shipments, release the stock, hold.</li>
 *     <li><b>Release each part to its warehouse</b> (the warehouse's 3PL link). A pick shortage: withdraw the
 *     releases, cancel the shipments and release the stock, then reserve again elsewhere, or hold if no other
 *     warehouse may serve the order.</li>
 * </ol>
 * The order is BOOKED when every part is, RELEASED when every partner has its release, SHIPPED when every part has
 * left and DELIVERED when every part has arrived.
 * Every waiting step has a deadline ({@link #deadlinePassed}); cancellation ({@link #cancel}) runs the
 * compensations of whatever was done so far. Decisions are pure: they change the {@link OrderSaga} and return a
 * {@link SagaOutcome}, which {@link SagaCoordinator} carries out in one transaction.
 */
@ApplicationScoped
public class OrderFulfilmentSaga {

    private final SagaDeadlines deadlines;
    private final RoutingRules routing;

    public OrderFulfilmentSaga(SagaDeadlines deadlines, RoutingRules routing) {
        this.deadlines = deadlines;
        this.routing = routing;
    }

    /** The order was accepted: remember what routing allows, then reserve stock. */
    public SagaOutcome start(OrderSaga saga, SagaOrder order, RoutingDecision route, Instant now) {
        saga.routingRule = route.rule();
        saga.candidateWarehouses = new ArrayList<>(route.warehouses());
        saga.allowedCarriers = new ArrayList<>(route.carriers());
        SagaOutcome outcome = new SagaOutcome().note("STARTED", "routing rule " + route.rule() + ": warehouses "
                + route.warehouses() + ", carriers " + route.carriers());
        return reserveStock(saga, order, outcome, now);
    }

    // ---------------------------------------------------------------- step 1: reserve stock (inventory-service)

    private SagaOutcome reserveStock(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        enter(saga, SagaStep.RESERVING_STOCK, now);
        saga.stockRequested = true;
        saga.parts = new ArrayList<>();
        return outcome
                .move(ALLOCATING, "stock reservation requested in " + saga.candidateWarehouses)
                .send(OrderEvents.STOCK_RESERVATION_REQUESTED, new StockReservationRequested(order.orderId(),
                        order.customerId(), order.lines(), saga.candidateWarehouses, order.allowSplit()))
                .note("COMMAND", "inventory-service: reserve stock in " + saga.candidateWarehouses);
    }

    public SagaOutcome onStockReserved(OrderSaga saga, SagaOrder order, StockReserved reply, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "stock reserved (" + reply.reservationId() + ") in "
                + reply.warehouses());
        if (saga.step == SagaStep.CANCELLED) {
            // The order was cancelled while inventory was reserving: give the stock straight back.
            return outcome.send(OrderEvents.STOCK_RELEASE_REQUESTED, new StockReleaseRequested(order.orderId(),
                            "order cancelled before the reservation arrived", reply.reservationId()))
                    .note("COMPENSATION", "inventory-service: release the late reservation");
        }
        boolean split = reply.parts().size() > 1;
        List<FulfilmentPart> parts = reply.parts().stream()
                .map(p -> FulfilmentPart.reserved(p.warehouseId(),
                        FulfilmentPart.releaseReference(order.orderId(), p.warehouseId(), split), p.lines(), p.parcels()))
                .toList();
        if (saga.step == SagaStep.HELD && saga.heldAtStep == SagaStep.RESERVING_STOCK) {
            saga.reservationId = reply.reservationId();
            saga.reservationExpiresAt = reply.expiresAt();
            saga.parts = new ArrayList<>(parts);
            saga.stockRequested = true;
            return outcome.note("LATE_REPLY", "kept for the operator: a retry confirms it with inventory, then books");
        }
        if (saga.step != SagaStep.RESERVING_STOCK) {
            return outcome.note("IGNORED", "not waiting for a reservation (step " + saga.step + ")");
        }
        saga.reservationId = reply.reservationId();
        saga.reservationExpiresAt = reply.expiresAt();
        if (split && !order.allowSplit()) {
            // Inventory splits only orders that allow it; if one ever came back split, shipping it in parts would
            // break the customer's wish, so it goes to an operator instead.
            releaseStock(saga, order, outcome, "split allocation for an order that does not allow splitting");
            return hold(saga, outcome, "stock was reserved split across " + String.join(", ", reply.warehouses())
                    + " although the order does not allow split shipments; stock released: restock one warehouse "
                    + "and retry, or cancel the order", now);
        }
        saga.parts = new ArrayList<>(parts);
        if (reply.expiresAt() != null && reply.expiresAt().isBefore(now.plus(deadlines.bookShipment()))) {
            // The invariant "reservation TTL well beyond the booking deadline" is broken by configuration: say so
            // where operators look. The saga still copes (a lapsed hold is reserved again), but with churn.
            outcome.note("WARNING", "reservation " + reply.reservationId() + " lapses at " + reply.expiresAt()
                    + ", before the booking deadline (" + deadlines.bookShipment() + "): inventory-service's "
                    + "waybill.inventory.reservation.ttl should comfortably exceed it");
        }
        outcome.move(ALLOCATED, "stock reserved in " + saga.warehouses()
                + (split ? " (split: one shipment per warehouse)" : ""));
        return bookShipments(saga, order, outcome, now);
    }

    public SagaOutcome onReservationRejected(OrderSaga saga, SagaOrder order, ReservationRejected reply, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "reservation rejected: " + reply.reason()
                + (reply.shortages().isBlank() ? "" : " (" + reply.shortages() + ")"));
        if (saga.step != SagaStep.RESERVING_STOCK) {
            return outcome.note("IGNORED", "not waiting for a reservation (step " + saga.step + ")");
        }
        // Inventory reserves all or nothing, so there is nothing to compensate.
        saga.stockRequested = false;
        return hold(saga, outcome, "no stock to reserve: " + reply.reason()
                + (reply.shortages().isBlank() ? "" : " (" + reply.shortages() + ")"), now);
    }

    /**
     * The stock the saga holds is gone: inventory let the hold lapse (or released it), or refused to confirm it for
     * the booked shipment. The goods may already be promised to another order, so the saga must never release this
     * one on it: it reserves again (undoing the bookings and releases that rested on the lost stock), or, when it is
     * on hold, forgets the reservation so that a retry reserves afresh.
     */
    public SagaOutcome onReservationLost(OrderSaga saga, SagaOrder order, Replies.ReservationLost lost, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "reservation " + lost.reservationId() + " lost: "
                + lost.reason());
        if (lost.reservationId() == null || !lost.reservationId().equals(saga.reservationId)) {
            return outcome.note("IGNORED", "not the reservation the order holds (" + saga.reservationId + ")");
        }
        String why = "reservation " + lost.reservationId() + " lost (" + lost.reason() + ")";
        saga.reservationId = null;
        saga.reservationExpiresAt = null;
        saga.stockRequested = false;
        switch (saga.step) {
            case RESERVING_STOCK -> {
                // A retry's request is on its way; inventory answers it with a fresh reservation.
                saga.stockRequested = true;
                return outcome.note("RESERVATION_LOST", why + "; the pending request reserves again");
            }
            case BOOKING_SHIPMENT -> {
                // A booking arriving for the old request is cancelled as a stray (its shipment id is not ours).
                cancelShipments(saga, order, outcome, why);
                outcome.note("REALLOCATE", why + " while booking; reserving again in " + saga.candidateWarehouses);
                return reserveStock(saga, order, outcome, now);
            }
            case RELEASING_TO_WAREHOUSE, AWAITING_PICK -> {
                withdrawReleases(saga, outcome, why);
                cancelShipments(saga, order, outcome, why);
                outcome.note("REALLOCATE", why + " after booking; releases withdrawn, reserving again in "
                        + saga.candidateWarehouses);
                return reserveStock(saga, order, outcome, now);
            }
            case HELD -> {
                saga.holdReason = saga.holdReason + "; then " + why + ": a retry reserves stock again";
                return outcome.note("RESERVATION_LOST", why + "; a retry reserves stock again");
            }
            default -> {
                return outcome.note("IGNORED", "the order no longer needs its stock (step " + saga.step + ")");
            }
        }
    }

    // ---------------------------------------------------------------- step 2: book a shipment per part

    /** Books every part not booked yet. */
    private SagaOutcome bookShipments(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        for (FulfilmentPart part : saga.parts) {
            if (!part.isBooked() && part.untriedCarriers(saga.allowedCarriers).isEmpty()) {
                return noCarrierLeft(saga, order, part, outcome, now, null);
            }
        }
        if (order.status() != BOOKING || saga.step != SagaStep.BOOKING_SHIPMENT) {
            outcome.move(BOOKING, "shipment booking requested with " + saga.allowedCarriers
                    + (saga.isSplit() ? " for each of " + saga.warehouses() : ""));
        }
        enter(saga, SagaStep.BOOKING_SHIPMENT, now);
        saga.parts.stream().filter(p -> !p.isBooked()).forEach(part -> requestBooking(saga, order, part, outcome));
        return outcome;
    }

    private void requestBooking(OrderSaga saga, SagaOrder order, FulfilmentPart part, SagaOutcome outcome) {
        List<String> carriers = part.untriedCarriers(saga.allowedCarriers);
        saga.bookingAttempts++;
        outcome.send(OrderEvents.SHIPMENT_BOOKING_REQUESTED, new ShipmentBookingRequested(order.orderId(),
                        order.customerId(), part.warehouseId(), order.shipTo(), order.serviceLevel(), part.parcels(),
                        carriers, null))
                .note("COMMAND", "shipment-service: book from " + part.warehouseId() + " with " + carriers);
    }

    /**
     * The part a booking reply is about: the one of its warehouse, or, from a publisher that does not name the
     * warehouse, the only part (or the first still waiting for a booking).
     */
    private static Optional<FulfilmentPart> partBookedFrom(OrderSaga saga, String warehouseId) {
        if (warehouseId != null) {
            return saga.partIn(warehouseId);
        }
        return saga.parts.size() == 1 ? Optional.of(saga.parts.getFirst())
                : saga.parts.stream().filter(p -> !p.isBooked()).findFirst();
    }

    public SagaOutcome onShipmentBooked(OrderSaga saga, SagaOrder order, ShipmentBooked reply, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "shipment " + reply.shipmentId() + " booked with "
                + reply.carrierId() + ", tracking " + reply.trackingNumber()
                + (reply.warehouseId() == null ? "" : ", from " + reply.warehouseId()));
        if (saga.step == SagaStep.CANCELLED) {
            return outcome.send(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, new ShipmentCancellationRequested(
                            order.orderId(), reply.shipmentId(), "order cancelled before the booking arrived"))
                    .note("COMPENSATION", "shipment-service: cancel the late booking");
        }
        if (saga.partShippedAs(reply.shipmentId()).isPresent()) {
            return outcome.note("IGNORED", "already known (step " + saga.step + ")");
        }
        Optional<FulfilmentPart> waiting = partBookedFrom(saga, reply.warehouseId()).filter(p -> !p.isBooked());
        boolean heldWhileBooking = saga.step == SagaStep.HELD && saga.heldAtStep == SagaStep.BOOKING_SHIPMENT
                && saga.reservationId != null;
        if (waiting.isEmpty() || (saga.step != SagaStep.BOOKING_SHIPMENT && !heldWhileBooking)) {
            // A booking nobody waits for any more (the order was held and its stock released, or the part was
            // booked already): a carrier would otherwise come to collect a parcel that will never be packed.
            return outcome.send(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, new ShipmentCancellationRequested(
                            order.orderId(), reply.shipmentId(), "booking arrived after the order stopped waiting for it"))
                    .note("COMPENSATION", "shipment-service: cancel the stray booking " + reply.shipmentId());
        }
        saga.update(waiting.get().booked(reply.shipmentId(), reply.carrierId(), reply.trackingNumber()));
        if (heldWhileBooking) {
            return outcome.note("LATE_REPLY", "kept for the operator: a retry continues with the release");
        }
        if (!saga.allParts(FulfilmentPart::isBooked)) {
            return outcome.note("PROGRESS", "waiting for the bookings from " + String.join(", ",
                    saga.parts.stream().filter(p -> !p.isBooked()).map(FulfilmentPart::warehouseId).toList()));
        }
        outcome.move(BOOKED, saga.isSplit()
                ? "booked: " + String.join("; ", saga.parts.stream().map(p -> p.warehouseId() + " with "
                        + p.carrierId() + ", tracking " + p.trackingNumber()).toList())
                : "booked with " + reply.carrierId() + ", tracking " + reply.trackingNumber());
        return releaseToWarehouses(saga, order, outcome, now);
    }

    public SagaOutcome onBookingFailed(OrderSaga saga, SagaOrder order, BookingFailed reply, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "booking failed with " + reply.triedCarriers() + ": "
                + reply.reason() + (reply.warehouseId() == null ? "" : " (from " + reply.warehouseId() + ")"));
        if (saga.step != SagaStep.BOOKING_SHIPMENT) {
            return outcome.note("IGNORED", "not waiting for a booking (step " + saga.step + ")");
        }
        Optional<FulfilmentPart> waiting = partBookedFrom(saga, reply.warehouseId()).filter(p -> !p.isBooked());
        if (waiting.isEmpty()) {
            return outcome.note("IGNORED", "no part from " + reply.warehouseId() + " waits for a booking");
        }
        // If shipment-service does not say which it tried, count every carrier it was offered as tried: the saga
        // must never offer the same carriers forever.
        FulfilmentPart part = waiting.get();
        List<String> tried = reply.triedCarriers().isEmpty() ? part.untriedCarriers(saga.allowedCarriers)
                : reply.triedCarriers();
        part = part.tried(tried);
        saga.update(part);
        if (part.untriedCarriers(saga.allowedCarriers).isEmpty()) {
            return noCarrierLeft(saga, order, part, outcome, now, reply.reason());
        }
        outcome.note("FALLBACK", "next allowed carriers" + (saga.isSplit() ? " from " + part.warehouseId() : "")
                + ": " + part.untriedCarriers(saga.allowedCarriers));
        // Only this part: the other parts' bookings are booked or still on their way.
        enter(saga, SagaStep.BOOKING_SHIPMENT, now);
        requestBooking(saga, order, part, outcome);
        return outcome;
    }

    /**
     * Compensation of step 1 when step 2 cannot succeed for a part: the order ships whole or not at all, so the
     * other parts' shipments are cancelled, the stock is given back and an operator decides. {@code lastFailure}:
     * what the carrier tried last answered, so the operator sees why without the trail.
     */
    private SagaOutcome noCarrierLeft(OrderSaga saga, SagaOrder order, FulfilmentPart part, SagaOutcome outcome,
                                      Instant now, String lastFailure) {
        String reason = "no allowed carrier can ship the order" + (saga.isSplit() ? " from " + part.warehouseId() : "")
                + " (routing rule " + saga.routingRule + " allows " + saga.allowedCarriers + "; all failed"
                + (lastFailure == null || lastFailure.isBlank() ? "" : ", last: " + lastFailure) + "); stock released";
        cancelShipments(saga, order, outcome, "no carrier can take the order's other shipment");
        releaseStock(saga, order, outcome, "no carrier can take the shipment");
        saga.parts = new ArrayList<>();
        return hold(saga, outcome, reason, now);
    }

    // ---------------------------------------------------------------- step 3: release each part (3PL links)

    /** Releases every booked part the partners do not have yet. */
    private SagaOutcome releaseToWarehouses(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        saga.attention = null;
        enter(saga, SagaStep.RELEASING_TO_WAREHOUSE, now);
        for (FulfilmentPart part : List.copyOf(saga.parts)) {
            if (part.progress() != Progress.BOOKED) {
                continue;
            }
            RoutingRules.Warehouse warehouse = routing.warehouse(part.warehouseId());
            saga.update(part.releasingTo(warehouse.partnerId()));
            outcome.release(new SagaOutcome.Release(part.releaseReference(), part.warehouseId(),
                            warehouse.partnerId(), warehouse.link()))
                    .note("COMMAND", warehouse.partnerId() + ": release for picking in " + part.warehouseId()
                            + " over " + warehouse.link()
                            + (saga.isSplit() ? " (reference " + part.releaseReference() + ")" : ""));
        }
        return outcome;
    }

    /** The partner link handed a part's release over (REST call accepted, or CSV file written). */
    public SagaOutcome onHandedToWarehouse(OrderSaga saga, SagaOrder order, String warehouseId, Instant now) {
        Optional<FulfilmentPart> found = saga.partIn(warehouseId);
        SagaOutcome outcome = new SagaOutcome().note("REPLY", found.map(FulfilmentPart::partnerId).orElse(warehouseId)
                + " took the release" + (saga.isSplit() ? " for " + warehouseId : ""));
        if (saga.step != SagaStep.RELEASING_TO_WAREHOUSE || found.isEmpty()
                || found.get().progress() != Progress.BOOKED) {
            return outcome.note("IGNORED", "not releasing " + warehouseId + " (step " + saga.step + ")");
        }
        markReleased(saga, order, found.get(), outcome, now, "");
        return outcome;
    }

    /**
     * The part is with its partner: announce it; once every part is, the order is RELEASED and the partners'
     * acknowledgement (then ship) deadline runs.
     */
    private void markReleased(OrderSaga saga, SagaOrder order, FulfilmentPart part, SagaOutcome outcome, Instant now,
                              String how) {
        saga.update(part.at(Progress.RELEASED));
        outcome.send(OrderEvents.RELEASED_TO_WAREHOUSE, new OrderReleasedToWarehouse(order.orderId(),
                order.customerId(), part.warehouseId(), part.partnerId(), part.shipmentId(), part.trackingNumber(),
                part.lines()));
        if (!saga.allParts(p -> p.progress() != Progress.BOOKED)) {
            outcome.note("PROGRESS", part.partnerId() + " has the release for " + part.warehouseId()
                    + "; waiting for the hand-over to " + String.join(", ", saga.parts.stream()
                    .filter(p -> p.progress() == Progress.BOOKED).map(FulfilmentPart::partnerId).toList()));
            return;
        }
        enter(saga, SagaStep.AWAITING_PICK, now);
        lastAcknowledgement(saga).ifPresent(acknowledged ->
                // The acknowledgements overtook the hand-over's confirmation (a file link): the ship deadline runs.
                saga.stepDeadline = acknowledged.plus(deadlines.shipRelease()));
        outcome.move(RELEASED, "released to " + String.join(", ", saga.parts.stream()
                .map(p -> p.partnerId() + " (" + p.warehouseId() + ")").toList()) + how);
    }

    /** When the last partner acknowledged, once every part is acknowledged. */
    private static Optional<Instant> lastAcknowledgement(OrderSaga saga) {
        if (!saga.allParts(p -> p.acknowledgedAt() != null)) {
            return Optional.empty();
        }
        return saga.parts.stream().map(FulfilmentPart::acknowledgedAt).max(Comparator.naturalOrder());
    }

    /**
     * A warehouse cannot pick its part in full. The releases are withdrawn, the stock and the shipments (whose
     * origins may change) are released, and stock is reserved again in the other allowed warehouses; with none
     * left, or with another part already gone, the order is held for an operator (stock kept: it may be a counting
     * error).
     */
    public SagaOutcome onPickShortage(OrderSaga saga, SagaOrder order, PickShortage shortage, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "pick shortage at " + shortage.warehouseId() + ": "
                + shortage.shortQuantity() + " x " + shortage.sku() + " (reported by " + shortage.reportedBy() + ")");
        if (saga.step != SagaStep.RELEASING_TO_WAREHOUSE && saga.step != SagaStep.AWAITING_PICK) {
            return outcome.note("IGNORED", "not released (step " + saga.step + ")");
        }
        Optional<FulfilmentPart> shortPart = saga.partIn(shortage.warehouseId());
        if (shortPart.isEmpty() || shortPart.get().hasLeft()) {
            return outcome.note("IGNORED", "no part of the order waits for picking in " + shortage.warehouseId());
        }
        String why = "pick shortage of " + shortage.shortQuantity() + " x " + shortage.sku() + " at " + shortage.warehouseId();
        List<String> gone = saga.parts.stream().filter(FulfilmentPart::hasLeft).map(FulfilmentPart::warehouseId).toList();
        if (!gone.isEmpty()) {
            // Part of the order is already on its way: reallocating the whole order would ship those goods twice.
            // The short part waits to be released again to the same warehouse when an operator retries.
            saga.update(shortPart.get().at(Progress.BOOKED));
            return hold(saga, outcome, why + " after the part from " + String.join(", ", gone) + " shipped; the "
                    + "releases stay with the partners: restock and retry, or cancel the rest of the order", now);
        }
        List<String> others = saga.candidateWarehouses.stream().filter(w -> !w.equals(shortage.warehouseId())).toList();
        withdrawReleases(saga, outcome, why);
        if (others.isEmpty()) {
            return hold(saga, outcome, why + "; no other warehouse may serve the order", now);
        }
        cancelShipments(saga, order, outcome, why);
        releaseStock(saga, order, outcome, why);
        saga.candidateWarehouses = new ArrayList<>(others);
        outcome.note("REALLOCATE", why + "; reserving again in " + others);
        return reserveStock(saga, order, outcome, now);
    }

    // ---------------------------------------------------------------- after release: the physical world

    /** Picked, packed: progress for the trail, no decision to take. */
    public SagaOutcome onWarehouseProgress(OrderSaga saga, String what) {
        return new SagaOutcome().note("PROGRESS", what);
    }

    /**
     * A partner acknowledged its release: once every partner has, they have the ship deadline to send the goods.
     */
    public SagaOutcome onAcknowledged(OrderSaga saga, SagaOrder order, String warehouseId, String partnerId,
                                      Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("PROGRESS", partnerId + " acknowledged"
                + (saga.isSplit() ? " the release for " + warehouseId : ""));
        Optional<FulfilmentPart> part = saga.partIn(warehouseId);
        if (part.isEmpty() || part.get().acknowledgedAt() != null) {
            return outcome;
        }
        saga.update(part.get().acknowledged(now));
        saga.updatedAt = now;
        if (saga.step == SagaStep.AWAITING_PICK && lastAcknowledgement(saga).isPresent()) {
            saga.stepDeadline = now.plus(deadlines.shipRelease());
            // A late acknowledgement answers the flag its absence raised; the ship deadline now watches the partner.
            saga.attention = null;
        }
        return outcome;
    }

    /** The warehouse partner says the goods of its release left. */
    public SagaOutcome onShippedFrom(OrderSaga saga, SagaOrder order, String warehouseId, String how, Instant now) {
        return shipped(saga, order, saga.partIn(warehouseId), how, now);
    }

    /** The carrier reports a shipment's parcel moving (picked up, in transit, out for delivery). */
    public SagaOutcome onParcelMoving(OrderSaga saga, SagaOrder order, String shipmentId, String how, Instant now) {
        return shipped(saga, order, saga.partShippedAs(shipmentId), how, now);
    }

    private SagaOutcome shipped(OrderSaga saga, SagaOrder order, Optional<FulfilmentPart> found, String how,
                                Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "shipped: " + how);
        if (found.isEmpty()) {
            return outcome.note("IGNORED", "not a shipment of the order's parts (order is " + order.status() + ")");
        }
        FulfilmentPart part = found.get();
        if (part.hasLeft()) {
            return outcome.note("IGNORED", "the part from " + part.warehouseId() + " already left");
        }
        if (saga.step == SagaStep.CANCELLING) {
            // The goods left before the cancellation reached the partner: nothing to give back, a return to arrange.
            saga.update(part.at(Progress.SHIPPED).cancellation(CancelAnswer.REFUSED));
            outcome.note("CANCEL_TOO_LATE", "shipped before the cancellation (" + saga.cancelReason + ") reached "
                    + part.partnerId());
            return settleCancellation(saga, order, outcome, now);
        }
        if (!catchUpOnHandOver(saga, order, part, outcome, now) && part.progress() != Progress.RELEASED) {
            return outcome.note("IGNORED", "order is " + order.status() + " (step " + saga.step + ")");
        }
        saga.update(saga.partIn(part.warehouseId()).orElseThrow().at(Progress.SHIPPED));
        if (!saga.allParts(FulfilmentPart::hasLeft)) {
            return outcome.note("PROGRESS", "the part from " + part.warehouseId() + " left; waiting for "
                    + String.join(", ", saga.parts.stream().filter(p -> !p.hasLeft())
                    .map(FulfilmentPart::warehouseId).toList()));
        }
        enter(saga, SagaStep.IN_TRANSIT, now);
        saga.attention = null;
        return outcome.move(SHIPPED, saga.isSplit() ? "every part shipped; last: " + how : how);
    }

    /** The carrier delivered a shipment: the order is delivered once every part is. */
    public SagaOutcome onDelivered(OrderSaga saga, SagaOrder order, String shipmentId, String how, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "delivered: " + how);
        Optional<FulfilmentPart> found = saga.partShippedAs(shipmentId);
        if (found.isEmpty() || found.get().progress() == Progress.DELIVERED) {
            return outcome.note("IGNORED", found.isEmpty() ? "not a shipment of the order's parts (order is "
                    + order.status() + ")" : "already delivered");
        }
        FulfilmentPart part = found.get();
        if (!catchUpOnHandOver(saga, order, part, outcome, now) && part.progress() != Progress.RELEASED
                && part.progress() != Progress.SHIPPED) {
            return outcome.note("IGNORED", "order is " + order.status() + " (step " + saga.step + ")");
        }
        if (saga.step != SagaStep.AWAITING_PICK && saga.step != SagaStep.IN_TRANSIT
                && saga.step != SagaStep.RELEASING_TO_WAREHOUSE) {
            return outcome.note("IGNORED", "order is " + order.status() + " (step " + saga.step + ")");
        }
        saga.update(saga.partIn(part.warehouseId()).orElseThrow().at(Progress.DELIVERED));
        if (saga.step != SagaStep.IN_TRANSIT && saga.allParts(FulfilmentPart::hasLeft)) {
            enter(saga, SagaStep.IN_TRANSIT, now);
            saga.attention = null;
            outcome.move(SHIPPED, "shipped (seen first as delivered)");
        }
        if (!saga.allParts(p -> p.progress() == Progress.DELIVERED)) {
            return outcome.note("PROGRESS", "the part from " + part.warehouseId() + " arrived; waiting for "
                    + String.join(", ", saga.parts.stream().filter(p -> p.progress() != Progress.DELIVERED)
                    .map(FulfilmentPart::warehouseId).toList()));
        }
        enter(saga, SagaStep.COMPLETED, now);
        return outcome.move(DELIVERED, saga.isSplit() ? "every part delivered; last " + how : how);
    }

    /**
     * The carrier has a part's parcel, yet the 3PL link has not confirmed the hand-over (a file exchange runs on a
     * schedule; a REST 3PL may be slow to answer). The parcel moving is proof the warehouse released it, so the
     * part is released now rather than left behind, which would ignore the shipment's progress for good.
     *
     * @return whether the part was caught up to released
     */
    private boolean catchUpOnHandOver(OrderSaga saga, SagaOrder order, FulfilmentPart part, SagaOutcome outcome,
                                      Instant now) {
        if (saga.step != SagaStep.RELEASING_TO_WAREHOUSE || part.progress() != Progress.BOOKED) {
            return false;
        }
        outcome.note("CATCH-UP", "the carrier reports the parcel moving before " + part.partnerId()
                + " confirmed the hand-over");
        markReleased(saga, order, part, outcome, now, "; the carrier reported the parcel first");
        return true;
    }

    // ---------------------------------------------------------------- deadlines, holds, retries, cancellation

    /** The step's participant did not answer in time: stop and tell an operator, instead of waiting forever. */
    public SagaOutcome deadlinePassed(OrderSaga saga, SagaOrder order, Instant now) {
        if (!saga.step.hasDeadline() || saga.stepDeadline == null || saga.stepDeadline.isAfter(now)) {
            return new SagaOutcome();
        }
        String waitingFor = switch (saga.step) {
            case RESERVING_STOCK -> "inventory-service did not answer the stock reservation request";
            case BOOKING_SHIPMENT -> "shipment-service did not answer the booking request"
                    + (saga.isSplit() ? " for " + partners(saga, p -> !p.isBooked(), FulfilmentPart::warehouseId) : "");
            case AWAITING_PICK -> lastAcknowledgement(saga).isEmpty()
                    ? partners(saga, p -> p.acknowledgedAt() == null, FulfilmentPart::partnerId)
                            + " did not acknowledge the release within " + deadlines.acknowledgeRelease()
                    : partners(saga, p -> !p.hasLeft(), FulfilmentPart::partnerId)
                            + " acknowledged the release but did not ship it within " + deadlines.shipRelease();
            case CANCELLING -> partners(saga, p -> p.cancelAnswer() == CancelAnswer.ASKED, FulfilmentPart::partnerId)
                    + " did not answer the cancellation of its release within " + deadlines.cancelAtWarehouse();
            default -> partners(saga, p -> p.progress() == Progress.BOOKED, FulfilmentPart::partnerId)
                    + " did not take the warehouse release";
        };
        SagaOutcome outcome = new SagaOutcome().note("DEADLINE", waitingFor + " by " + saga.stepDeadline);
        if (saga.step == SagaStep.AWAITING_PICK || saga.step == SagaStep.CANCELLING) {
            // The partner has the release: the goods may still move, and the order must follow them when they do,
            // so it is flagged for an operator (ops saga view, trail) rather than held. Escalated once.
            String partners = saga.partners();
            saga.attention = waitingFor + ": check with " + partners
                    + (saga.step == SagaStep.CANCELLING ? "; the stock stays reserved until it answers"
                    : "; cancelling the order asks " + partners + " to cancel the release");
            saga.stepDeadline = null;
            saga.updatedAt = now;
            return outcome.note("ATTENTION", saga.attention);
        }
        return hold(saga, outcome, waitingFor + " within " + deadlines.of(saga.step), now);
    }

    /** The partners (or warehouses) of the parts that {@code test} picks, for messages. */
    private static String partners(OrderSaga saga, Predicate<FulfilmentPart> test,
                                   Function<FulfilmentPart, String> name) {
        return String.join(", ", saga.parts.stream().filter(test).map(name).filter(Objects::nonNull).distinct()
                .toList());
    }

    /** An operator retries a held order: it resumes where it stopped, with carriers tried afresh. */
    public SagaOutcome retry(OrderSaga saga, SagaOrder order, String operator, Instant now) {
        if (saga.step != SagaStep.HELD) {
            throw ProblemException.conflict("order-not-held", "Order " + order.orderId() + " is not on hold (saga step "
                    + saga.step + ")");
        }
        SagaOutcome outcome = new SagaOutcome().note("RETRY", "by " + operator + " after: " + saga.holdReason);
        SagaStep heldAt = saga.heldAtStep;
        saga.heldAtStep = null;
        saga.holdReason = null;
        saga.updateAll(FulfilmentPart::triedAfresh);
        boolean released = heldAt == SagaStep.RELEASING_TO_WAREHOUSE || heldAt == SagaStep.AWAITING_PICK;
        if (saga.reservationId == null && saga.parts.stream().anyMatch(FulfilmentPart::isBooked)) {
            // The stock went while the order was held, after it was booked: what rested on it goes too.
            if (released) {
                withdrawReleases(saga, outcome, "operator retry: the order's stock was lost while it was held");
            }
            cancelShipments(saga, order, outcome, "operator retry: the order's stock was lost while it was held");
        }
        if (!saga.allParts(FulfilmentPart::isBooked)) {
            // Until every part's booked shipment confirms it, the hold can lapse (and a held order may wait for
            // hours): ask inventory again. It answers with the same reservation, held for another full TTL, if it
            // still holds it, or reserves afresh; the saga never books on a reservation it has not seen alive. A
            // part booked meanwhile is cancelled: the new answer decides the parts.
            cancelShipments(saga, order, outcome, "operator retry: the order is reserved and booked again");
            return reserveStock(saga, order, outcome, now);
        }
        outcome.move(BOOKED, "operator retry: stock and shipments still held, release again");
        return releaseToWarehouses(saga, order, outcome, now);
    }

    /** Cancels the order at whatever stage it is, compensating what was done: shipments, then stock. */
    public SagaOutcome cancel(OrderSaga saga, SagaOrder order, String reason, Instant now) {
        if (!OrderLifecycle.cancellable(order.status())) {
            throw ProblemException.conflict("order-not-cancellable", "Order " + order.orderId() + " is "
                    + order.status() + " and can no longer be cancelled");
        }
        SagaOutcome outcome = new SagaOutcome().note("CANCEL", reason);
        if (saga.step == SagaStep.CANCELLING) {
            return outcome.note("IGNORED", "already being cancelled (" + saga.cancelReason + "); waiting for "
                    + partners(saga, p -> p.cancelAnswer() == CancelAnswer.ASKED, FulfilmentPart::partnerId));
        }
        if (saga.step == SagaStep.RELEASING_TO_WAREHOUSE || saga.step == SagaStep.AWAITING_PICK
                || saga.heldAtStep == SagaStep.RELEASING_TO_WAREHOUSE || saga.heldAtStep == SagaStep.AWAITING_PICK) {
            // The partners may have the releases: the stock and shipments are given back only once they confirm
            // the cancellation (onReleaseCancelled); goods that already left are followed instead.
            saga.cancelReason = reason;
            enter(saga, SagaStep.CANCELLING, now);
            saga.updateAll(p -> p.cancellation(p.hasLeft() ? CancelAnswer.REFUSED : CancelAnswer.ASKED));
            return outcome.cancelRelease("order cancelled: " + reason)
                    .note("COMMAND", saga.partners() + ": cancel the release (" + reason + ")");
        }
        return completeCancellation(saga, order, outcome, reason, now);
    }

    /** A partner cancelled a part's release (or never had it): once every partner has, the order is cancelled. */
    public SagaOutcome onReleaseCancelled(OrderSaga saga, SagaOrder order, String warehouseId, String partnerId,
                                          String how, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "release cancelled: " + how);
        Optional<FulfilmentPart> part = saga.partIn(warehouseId);
        if (saga.step != SagaStep.CANCELLING || part.isEmpty() || part.get().cancelAnswer() != CancelAnswer.ASKED) {
            // A release withdrawn after a pick shortage or a lost reservation: the saga did not wait for this.
            return outcome;
        }
        saga.update(part.get().cancellation(CancelAnswer.CONFIRMED));
        return settleCancellation(saga, order, outcome, now);
    }

    /**
     * A partner could not cancel: the goods left its warehouse. The order follows the goods (SHIPPED; the stock
     * is consumed when the carrier scans the parcel) and is flagged: the customer's cancellation needs a return.
     */
    public SagaOutcome onReleaseCancelRefused(OrderSaga saga, SagaOrder order, String warehouseId, String partnerId,
                                              String why, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "cancellation refused: " + why);
        if (saga.step == SagaStep.IN_TRANSIT || saga.step == SagaStep.COMPLETED) {
            // The order already follows the goods (the carrier or the partner reported them shipped first).
            return outcome;
        }
        Optional<FulfilmentPart> part = saga.partIn(warehouseId);
        if (saga.step != SagaStep.CANCELLING || part.isEmpty()) {
            // The release was withdrawn after a pick shortage or a lost reservation and the order moved on, yet the
            // partner shipped it: goods may go out twice.
            saga.attention = why + " although its release had been withdrawn (step " + saga.step
                    + "): check for goods shipped twice";
            return outcome.note("ATTENTION", saga.attention);
        }
        if (part.get().cancelAnswer() != CancelAnswer.ASKED) {
            return outcome;
        }
        saga.update(part.get().at(Progress.SHIPPED).cancellation(CancelAnswer.REFUSED));
        outcome.note("CANCEL_REFUSED", why + " when the cancellation (" + saga.cancelReason + ") reached it");
        return settleCancellation(saga, order, outcome, now);
    }

    /**
     * Once every partner answered the cancellation: with none refusing, the order is cancelled. Otherwise it
     * follows the goods that left (SHIPPED, flagged for a return); parts whose partners cancelled are dropped, their
     * shipments cancelled and only their warehouses' stock released (the rest of the reservation stays held for the
     * goods on the road until the carrier's scan consumes it, so the saga keeps holding the reservation).
     */
    private SagaOutcome settleCancellation(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        String waiting = partners(saga, p -> p.cancelAnswer() == CancelAnswer.ASKED, FulfilmentPart::partnerId);
        if (!waiting.isEmpty()) {
            return outcome.note("PROGRESS", "waiting for " + waiting + " to answer the cancellation");
        }
        List<FulfilmentPart> left = saga.parts.stream().filter(p -> p.cancelAnswer() == CancelAnswer.REFUSED).toList();
        if (left.isEmpty()) {
            return completeCancellation(saga, order, outcome, saga.cancelReason, now);
        }
        List<FulfilmentPart> cancelled = saga.parts.stream().filter(p -> p.cancelAnswer() == CancelAnswer.CONFIRMED)
                .toList();
        cancelled.forEach(p -> cancelShipment(order, p, outcome, "order cancelled: " + saga.cancelReason));
        boolean stockReleased = releaseStockOf(saga, order, cancelled, left, outcome,
                "order cancelled: " + saga.cancelReason + "; the rest already shipped");
        String attention = String.join(", ", left.stream().map(FulfilmentPart::partnerId).distinct().toList())
                + " shipped before the cancellation (" + saga.cancelReason + ") reached it: the customer's goods "
                + "need a return"
                + (cancelled.isEmpty() ? "" : "; the part from " + String.join(", ", cancelled.stream()
                .map(FulfilmentPart::warehouseId).toList()) + " was cancelled"
                + (stockReleased ? " and its stock released" : ""));
        saga.parts = new ArrayList<>(left.stream().map(p -> p.cancellation(null)).toList());
        saga.attention = attention;
        if (order.status() == BOOKED) {
            outcome.move(RELEASED, "released to " + saga.partners() + " (it shipped before the cancellation reached it)");
        }
        enter(saga, SagaStep.IN_TRANSIT, now);
        return outcome.note("CANCEL_REFUSED", attention).move(SHIPPED, attention);
    }

    private SagaOutcome completeCancellation(OrderSaga saga, SagaOrder order, SagaOutcome outcome, String reason,
                                             Instant now) {
        cancelShipments(saga, order, outcome, "order cancelled: " + reason);
        releaseStock(saga, order, outcome, "order cancelled: " + reason);
        enter(saga, SagaStep.CANCELLED, now);
        return outcome.move(CANCELLED, reason);
    }

    // ---------------------------------------------------------------- compensations and bookkeeping

    private static void releaseStock(OrderSaga saga, SagaOrder order, SagaOutcome outcome, String reason) {
        if (!saga.stockRequested) {
            return;
        }
        outcome.send(OrderEvents.STOCK_RELEASE_REQUESTED, new StockReleaseRequested(order.orderId(), reason,
                        saga.reservationId))
                .note("COMPENSATION", "inventory-service: release stock (" + reason + ")");
        saga.stockRequested = false;
        saga.reservationId = null;
        saga.reservationExpiresAt = null;
    }

    /**
     * Gives back only the stock of the {@code cancelled} parts' warehouses ({@code warehouseIds} on the release
     * request), leaving the reservation, and the saga's hold on it, to the parts that left: their stock is consumed
     * when their parcels are scanned. Inventory gives back only what is still reserved and unshipped there, and
     * does not report the reservation as released while part of it is still held. False if there is nothing to
     * release.
     */
    private static boolean releaseStockOf(OrderSaga saga, SagaOrder order, List<FulfilmentPart> cancelled,
                                          List<FulfilmentPart> left, SagaOutcome outcome, String reason) {
        List<String> shipping = left.stream().map(FulfilmentPart::warehouseId).toList();
        List<String> warehouseIds = cancelled.stream().map(FulfilmentPart::warehouseId).distinct()
                .filter(w -> !shipping.contains(w)).toList();
        if (!saga.stockRequested || warehouseIds.isEmpty()) {
            return false;
        }
        outcome.send(OrderEvents.STOCK_RELEASE_REQUESTED, new StockReleaseRequested(order.orderId(), reason,
                        saga.reservationId, warehouseIds))
                .note("COMPENSATION", "inventory-service: release the stock in " + String.join(", ", warehouseIds)
                        + " (" + reason + ")");
        return true;
    }

    /** Takes every release back: the booked parts wait to be released again. */
    private static void withdrawReleases(OrderSaga saga, SagaOutcome outcome, String reason) {
        outcome.withdrawRelease(reason);
        saga.updateAll(p -> p.isBooked() && !p.hasLeft() ? p.at(Progress.BOOKED) : p);
    }

    /** Cancels every part's shipment; the parts then wait for a booking again. */
    private static void cancelShipments(OrderSaga saga, SagaOrder order, SagaOutcome outcome, String reason) {
        saga.parts.stream().filter(FulfilmentPart::isBooked).forEach(p -> cancelShipment(order, p, outcome, reason));
        saga.updateAll(p -> p.isBooked() ? p.unbooked() : p);
    }

    private static void cancelShipment(SagaOrder order, FulfilmentPart part, SagaOutcome outcome, String reason) {
        outcome.send(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, new ShipmentCancellationRequested(order.orderId(),
                        part.shipmentId(), reason))
                .note("COMPENSATION", "shipment-service: cancel shipment " + part.shipmentId() + " (" + reason + ")");
    }

    private SagaOutcome hold(OrderSaga saga, SagaOutcome outcome, String reason, Instant now) {
        saga.heldAtStep = saga.step;
        saga.holdReason = reason;
        enter(saga, SagaStep.HELD, now);
        return outcome.move(ON_HOLD, reason).note("HOLD", reason);
    }

    private void enter(OrderSaga saga, SagaStep step, Instant now) {
        saga.step = step;
        saga.stepDeadline = step.hasDeadline() ? now.plus(deadlines.of(step)) : null;
        saga.updatedAt = now;
    }
}
