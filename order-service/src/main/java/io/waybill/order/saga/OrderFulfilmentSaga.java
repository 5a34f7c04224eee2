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
import io.waybill.order.saga.Replies.StockReserved;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static io.waybill.model.order.OrderStatus.*;

/**
 * The order-to-dispatch saga, in the order the business runs it:
 * <ol>
 *     <li><b>Reserve stock</b> (inventory-service) in the warehouses routing allows. Rejected: hold.</li>
 *     <li><b>Book the shipment</b> (shipment-service) with the carriers routing allows. Fallback: ask again with
 *     the allowed carriers not yet tried. Compensation when none is left: release the stock, hold.</li>
 *     <li><b>Release to the warehouse</b> (the warehouse's 3PL link). A pick shortage: release the stock and cancel
 *     the shipment, then reserve again elsewhere, or hold if no other warehouse may serve the order.</li>
 * </ol>
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
        if (saga.step == SagaStep.HELD && saga.heldAtStep == SagaStep.RESERVING_STOCK) {
            saga.reservationId = reply.reservationId();
            saga.reservationExpiresAt = reply.expiresAt();
            saga.warehouseId = reply.warehouses().getFirst();
            saga.stockRequested = true;
            return outcome.note("LATE_REPLY", "kept for the operator: a retry confirms it with inventory, then books");
        }
        if (saga.step != SagaStep.RESERVING_STOCK) {
            return outcome.note("IGNORED", "not waiting for a reservation (step " + saga.step + ")");
        }
        saga.reservationId = reply.reservationId();
        saga.reservationExpiresAt = reply.expiresAt();
        LinkedHashSet<String> reservedIn = new LinkedHashSet<>(reply.warehouses());
        if (reservedIn.size() > 1) {
            // The saga books one shipment and releases every line to one warehouse: on a split allocation the
            // first 3PL would be asked for goods it does not hold and the others' stock would never be picked.
            // Until split shipments exist, give the stock back and let an operator decide.
            String reason = "stock for the order is only available split across " + String.join(", ", reservedIn)
                    + ", and split shipments are not supported yet; stock released: restock one warehouse and "
                    + "retry, or cancel the order";
            releaseStock(saga, order, outcome, "split allocation across " + String.join(", ", reservedIn)
                    + " cannot be shipped yet");
            return hold(saga, outcome, reason, now);
        }
        // One booking per order: the shipment leaves from the one warehouse that holds the allocation.
        saga.warehouseId = reply.warehouses().getFirst();
        if (reply.expiresAt() != null && reply.expiresAt().isBefore(now.plus(deadlines.bookShipment()))) {
            // The invariant "reservation TTL well beyond the booking deadline" is broken by configuration: say so
            // where operators look. The saga still copes (a lapsed hold is reserved again), but with churn.
            outcome.note("WARNING", "reservation " + reply.reservationId() + " lapses at " + reply.expiresAt()
                    + ", before the booking deadline (" + deadlines.bookShipment() + "): inventory-service's "
                    + "waybill.inventory.reservation.ttl should comfortably exceed it");
        }
        outcome.move(ALLOCATED, "stock reserved in " + String.join(", ", new LinkedHashSet<>(reply.warehouses())));
        return bookShipment(saga, order, outcome, now);
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
     * one on it: it reserves again (undoing the booking and release that rested on the lost stock), or, when it is
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
                outcome.note("REALLOCATE", why + " while booking; reserving again in " + saga.candidateWarehouses);
                return reserveStock(saga, order, outcome, now);
            }
            case RELEASING_TO_WAREHOUSE, AWAITING_PICK -> {
                outcome.withdrawRelease(why);
                cancelShipment(saga, order, outcome, why);
                saga.triedCarriers = new ArrayList<>();
                saga.warehouseId = null;
                saga.partnerId = null;
                outcome.note("REALLOCATE", why + " after booking; release withdrawn, reserving again in "
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

    // ---------------------------------------------------------------- step 2: book the shipment (shipment-service)

    private SagaOutcome bookShipment(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        List<String> carriers = saga.untriedCarriers();
        if (carriers.isEmpty()) {
            return noCarrierLeft(saga, order, outcome, now, null);
        }
        if (order.status() != BOOKING || saga.step != SagaStep.BOOKING_SHIPMENT) {
            outcome.move(BOOKING, "shipment booking requested with " + carriers);
        }
        enter(saga, SagaStep.BOOKING_SHIPMENT, now);
        saga.bookingAttempts++;
        return outcome
                .send(OrderEvents.SHIPMENT_BOOKING_REQUESTED, new ShipmentBookingRequested(order.orderId(),
                        order.customerId(), saga.warehouseId, order.shipTo(), order.serviceLevel(), order.parcels(),
                        carriers, null))
                .note("COMMAND", "shipment-service: book from " + saga.warehouseId + " with " + carriers);
    }

    public SagaOutcome onShipmentBooked(OrderSaga saga, SagaOrder order, ShipmentBooked reply, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "shipment " + reply.shipmentId() + " booked with "
                + reply.carrierId() + ", tracking " + reply.trackingNumber());
        if (saga.step == SagaStep.CANCELLED) {
            return outcome.send(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, new ShipmentCancellationRequested(
                            order.orderId(), reply.shipmentId(), "order cancelled before the booking arrived"))
                    .note("COMPENSATION", "shipment-service: cancel the late booking");
        }
        if (saga.step == SagaStep.HELD && saga.heldAtStep == SagaStep.BOOKING_SHIPMENT && saga.reservationId != null) {
            recordShipment(saga, reply);
            return outcome.note("LATE_REPLY", "kept for the operator: a retry continues with the release");
        }
        if (saga.step != SagaStep.BOOKING_SHIPMENT) {
            if (reply.shipmentId().equals(saga.shipmentId)) {
                return outcome.note("IGNORED", "already known (step " + saga.step + ")");
            }
            // A booking nobody waits for any more (the order was held and its stock released): a carrier would
            // otherwise come to collect a parcel that will never be packed.
            return outcome.send(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, new ShipmentCancellationRequested(
                            order.orderId(), reply.shipmentId(), "booking arrived after the order stopped waiting for it"))
                    .note("COMPENSATION", "shipment-service: cancel the stray booking " + reply.shipmentId());
        }
        recordShipment(saga, reply);
        outcome.move(BOOKED, "booked with " + reply.carrierId() + ", tracking " + reply.trackingNumber());
        return releaseToWarehouse(saga, order, outcome, now);
    }

    public SagaOutcome onBookingFailed(OrderSaga saga, SagaOrder order, BookingFailed reply, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "booking failed with " + reply.triedCarriers() + ": "
                + reply.reason());
        if (saga.step != SagaStep.BOOKING_SHIPMENT) {
            return outcome.note("IGNORED", "not waiting for a booking (step " + saga.step + ")");
        }
        // If shipment-service does not say which it tried, count every carrier it was offered as tried: the saga
        // must never offer the same carriers forever.
        List<String> tried = reply.triedCarriers().isEmpty() ? saga.untriedCarriers() : reply.triedCarriers();
        LinkedHashSet<String> all = new LinkedHashSet<>(saga.triedCarriers);
        all.addAll(tried);
        saga.triedCarriers = new ArrayList<>(all);
        if (saga.untriedCarriers().isEmpty()) {
            return noCarrierLeft(saga, order, outcome, now, reply.reason());
        }
        outcome.note("FALLBACK", "next allowed carriers: " + saga.untriedCarriers());
        return bookShipment(saga, order, outcome, now);
    }

    /** Compensation of step 1 when step 2 cannot succeed: give the stock back and stop for an operator. */
    /** {@code lastFailure}: what the carrier tried last answered, so the operator sees why without the trail. */
    private SagaOutcome noCarrierLeft(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now,
                                      String lastFailure) {
        String reason = "no allowed carrier can ship the order (routing rule " + saga.routingRule + " allows "
                + saga.allowedCarriers + "; all failed"
                + (lastFailure == null || lastFailure.isBlank() ? "" : ", last: " + lastFailure) + "); stock released";
        releaseStock(saga, order, outcome, "no carrier can take the shipment");
        return hold(saga, outcome, reason, now);
    }

    // ---------------------------------------------------------------- step 3: release to the warehouse (3PL link)

    private SagaOutcome releaseToWarehouse(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        RoutingRules.Warehouse warehouse = routing.warehouse(saga.warehouseId);
        saga.partnerId = warehouse.partnerId();
        saga.acknowledgedAt = null;
        saga.attention = null;
        enter(saga, SagaStep.RELEASING_TO_WAREHOUSE, now);
        return outcome.release(new SagaOutcome.Release(saga.warehouseId, warehouse.partnerId(), warehouse.link()))
                .note("COMMAND", warehouse.partnerId() + ": release for picking in " + saga.warehouseId
                        + " over " + warehouse.link());
    }

    /** The partner link handed the release over (REST call accepted, or CSV file written). */
    public SagaOutcome onHandedToWarehouse(OrderSaga saga, SagaOrder order, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", saga.partnerId + " took the release");
        if (saga.step != SagaStep.RELEASING_TO_WAREHOUSE) {
            return outcome.note("IGNORED", "not releasing (step " + saga.step + ")");
        }
        enter(saga, SagaStep.AWAITING_PICK, now);
        if (saga.acknowledgedAt != null) {
            // The acknowledgement overtook the hand-over's confirmation (a file link): the ship deadline runs.
            saga.stepDeadline = saga.acknowledgedAt.plus(deadlines.shipRelease());
        }
        return outcome.move(RELEASED, "released to " + saga.partnerId + " (" + saga.warehouseId + ")")
                .send(OrderEvents.RELEASED_TO_WAREHOUSE, new OrderReleasedToWarehouse(
                        order.orderId(), order.customerId(), saga.warehouseId, saga.partnerId, saga.shipmentId,
                        saga.trackingNumber));
    }

    /**
     * The warehouse cannot pick the order in full. The release is withdrawn, the stock and the shipment (whose
     * origin may change) are released, and stock is reserved again in the other allowed warehouses; with none
     * left, the order is held for an operator (stock kept: it may be a counting error).
     */
    public SagaOutcome onPickShortage(OrderSaga saga, SagaOrder order, PickShortage shortage, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "pick shortage at " + shortage.warehouseId() + ": "
                + shortage.shortQuantity() + " x " + shortage.sku() + " (reported by " + shortage.reportedBy() + ")");
        if (saga.step != SagaStep.RELEASING_TO_WAREHOUSE && saga.step != SagaStep.AWAITING_PICK) {
            return outcome.note("IGNORED", "not released (step " + saga.step + ")");
        }
        List<String> others = saga.candidateWarehouses.stream().filter(w -> !w.equals(shortage.warehouseId())).toList();
        String why = "pick shortage of " + shortage.shortQuantity() + " x " + shortage.sku() + " at " + shortage.warehouseId();
        outcome.withdrawRelease(why);
        if (others.isEmpty()) {
            return hold(saga, outcome, why + "; no other warehouse may serve the order", now);
        }
        cancelShipment(saga, order, outcome, why);
        releaseStock(saga, order, outcome, why);
        saga.candidateWarehouses = new ArrayList<>(others);
        saga.triedCarriers = new ArrayList<>();
        saga.warehouseId = null;
        saga.partnerId = null;
        outcome.note("REALLOCATE", why + "; reserving again in " + others);
        return reserveStock(saga, order, outcome, now);
    }

    // ---------------------------------------------------------------- after release: the physical world

    /** Picked, packed: progress for the trail, no decision to take. */
    public SagaOutcome onWarehouseProgress(OrderSaga saga, String what) {
        return new SagaOutcome().note("PROGRESS", what);
    }

    /** The partner acknowledged the release: from now on it has the ship deadline to send the goods. */
    public SagaOutcome onAcknowledged(OrderSaga saga, SagaOrder order, String partnerId, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("PROGRESS", partnerId + " acknowledged");
        if (saga.acknowledgedAt != null) {
            return outcome;
        }
        saga.acknowledgedAt = now;
        if (saga.step == SagaStep.AWAITING_PICK) {
            saga.stepDeadline = now.plus(deadlines.shipRelease());
            saga.updatedAt = now;
            // A late acknowledgement answers the flag its absence raised; the ship deadline now watches the partner.
            saga.attention = null;
        }
        return outcome;
    }

    public SagaOutcome onShipped(OrderSaga saga, SagaOrder order, String how, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "shipped: " + how);
        boolean wasCancelling = saga.step == SagaStep.CANCELLING;
        if (!catchUpOnHandOver(saga, order, outcome, now) && order.status() != RELEASED) {
            return outcome.note("IGNORED", "order is " + order.status());
        }
        enter(saga, SagaStep.IN_TRANSIT, now);
        saga.attention = null;
        if (wasCancelling) {
            // The goods left before the cancellation reached the partner: nothing to give back, a return to arrange.
            saga.attention = "shipped before the cancellation (" + saga.cancelReason + ") reached " + saga.partnerId
                    + ": the customer's goods need a return";
            outcome.note("CANCEL_TOO_LATE", saga.attention);
            return outcome.move(SHIPPED, how + "; " + saga.attention);
        }
        return outcome.move(SHIPPED, how);
    }

    public SagaOutcome onDelivered(OrderSaga saga, SagaOrder order, String how, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "delivered: " + how);
        if (catchUpOnHandOver(saga, order, outcome, now) || order.status() == RELEASED) {
            outcome.move(SHIPPED, "shipped (seen first as delivered)");
        } else if (order.status() != SHIPPED) {
            return outcome.note("IGNORED", "order is " + order.status());
        }
        enter(saga, SagaStep.COMPLETED, now);
        return outcome.move(DELIVERED, how);
    }

    /**
     * The carrier has the parcel, yet the 3PL link has not confirmed the hand-over (a file exchange runs on a
     * schedule; a REST 3PL may be slow to answer). The parcel moving is proof the warehouse released it, so the
     * order is released now rather than left behind, which would ignore the shipment's progress for good.
     *
     * @return whether the order was caught up to RELEASED
     */
    private boolean catchUpOnHandOver(OrderSaga saga, SagaOrder order, SagaOutcome outcome, Instant now) {
        if (order.status() != BOOKED || saga.step != SagaStep.RELEASING_TO_WAREHOUSE) {
            return false;
        }
        enter(saga, SagaStep.AWAITING_PICK, now);
        outcome.note("CATCH-UP", "the carrier reports the parcel moving before " + saga.partnerId
                + " confirmed the hand-over");
        outcome.move(RELEASED, "released to " + saga.partnerId + " (" + saga.warehouseId
                        + "; the carrier reported the parcel first)")
                .send(OrderEvents.RELEASED_TO_WAREHOUSE, new OrderReleasedToWarehouse(
                        order.orderId(), order.customerId(), saga.warehouseId, saga.partnerId, saga.shipmentId,
                        saga.trackingNumber));
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
            case BOOKING_SHIPMENT -> "shipment-service did not answer the booking request";
            case AWAITING_PICK -> saga.acknowledgedAt == null
                    ? saga.partnerId + " did not acknowledge the release within " + deadlines.acknowledgeRelease()
                    : saga.partnerId + " acknowledged the release but did not ship it within " + deadlines.shipRelease();
            case CANCELLING -> saga.partnerId + " did not answer the cancellation of its release within "
                    + deadlines.cancelAtWarehouse();
            default -> saga.partnerId + " did not take the warehouse release";
        };
        SagaOutcome outcome = new SagaOutcome().note("DEADLINE", waitingFor + " by " + saga.stepDeadline);
        if (saga.step == SagaStep.AWAITING_PICK || saga.step == SagaStep.CANCELLING) {
            // The partner has the release: the goods may still move, and the order must follow them when they do,
            // so it is flagged for an operator (ops saga view, trail) rather than held. Escalated once.
            saga.attention = waitingFor + ": check with " + saga.partnerId
                    + (saga.step == SagaStep.CANCELLING ? "; the stock stays reserved until it answers"
                    : "; cancelling the order asks " + saga.partnerId + " to cancel the release");
            saga.stepDeadline = null;
            saga.updatedAt = now;
            return outcome.note("ATTENTION", saga.attention);
        }
        return hold(saga, outcome, waitingFor + " within " + deadlines.of(saga.step), now);
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
        saga.triedCarriers = new ArrayList<>();
        if (saga.reservationId == null && saga.shipmentId != null) {
            // The stock went while the order was held, after it was booked: what rested on it goes too.
            if (heldAt == SagaStep.RELEASING_TO_WAREHOUSE || heldAt == SagaStep.AWAITING_PICK) {
                outcome.withdrawRelease("operator retry: the order's stock was lost while it was held");
            }
            cancelShipment(saga, order, outcome, "operator retry: the order's stock was lost while it was held");
        }
        if (saga.shipmentId == null) {
            // Until a booked shipment confirms it, the hold can lapse (and a held order may wait for hours): ask
            // inventory again. It answers with the same reservation, held for another full TTL, if it still
            // holds it, or reserves afresh; the saga never books on a reservation it has not seen alive.
            return reserveStock(saga, order, outcome, now);
        }
        outcome.move(BOOKED, "operator retry: stock and shipment still held, release again");
        return releaseToWarehouse(saga, order, outcome, now);
    }

    /** Cancels the order at whatever stage it is, compensating what was done: shipment, then stock. */
    public SagaOutcome cancel(OrderSaga saga, SagaOrder order, String reason, Instant now) {
        if (!OrderLifecycle.cancellable(order.status())) {
            throw ProblemException.conflict("order-not-cancellable", "Order " + order.orderId() + " is "
                    + order.status() + " and can no longer be cancelled");
        }
        SagaOutcome outcome = new SagaOutcome().note("CANCEL", reason);
        if (saga.step == SagaStep.CANCELLING) {
            return outcome.note("IGNORED", "already being cancelled (" + saga.cancelReason + "); waiting for "
                    + saga.partnerId);
        }
        if (saga.step == SagaStep.RELEASING_TO_WAREHOUSE || saga.step == SagaStep.AWAITING_PICK
                || saga.heldAtStep == SagaStep.RELEASING_TO_WAREHOUSE || saga.heldAtStep == SagaStep.AWAITING_PICK) {
            // The partner may have the release: its stock and shipment are given back only once it confirms the
            // cancellation (onReleaseCancelled); if it already shipped, the order follows the goods instead.
            saga.cancelReason = reason;
            enter(saga, SagaStep.CANCELLING, now);
            return outcome.cancelRelease("order cancelled: " + reason)
                    .note("COMMAND", saga.partnerId + ": cancel the release (" + reason + ")");
        }
        return completeCancellation(saga, order, outcome, reason, now);
    }

    /** The partner cancelled the release (or never had it): now the shipment and the stock can be given back. */
    public SagaOutcome onReleaseCancelled(OrderSaga saga, SagaOrder order, String partnerId, String how, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "release cancelled: " + how);
        if (saga.step != SagaStep.CANCELLING) {
            // A release withdrawn after a pick shortage or a lost reservation: the saga did not wait for this.
            return outcome;
        }
        return completeCancellation(saga, order, outcome, saga.cancelReason, now);
    }

    /**
     * The partner could not cancel: the goods left its warehouse. The order follows the goods (SHIPPED; the stock
     * is consumed when the carrier scans the parcel) and is flagged: the customer's cancellation needs a return.
     */
    public SagaOutcome onReleaseCancelRefused(OrderSaga saga, SagaOrder order, String partnerId, String why, Instant now) {
        SagaOutcome outcome = new SagaOutcome().note("REPLY", "cancellation refused: " + why);
        String attention = why + " when the cancellation (" + saga.cancelReason + ") reached it: the customer's "
                + "goods need a return";
        if (saga.step == SagaStep.IN_TRANSIT || saga.step == SagaStep.COMPLETED) {
            // The order already follows the goods (the carrier or the partner reported them shipped first).
            return outcome;
        }
        if (saga.step != SagaStep.CANCELLING) {
            // The release was withdrawn after a pick shortage or a lost reservation and the order moved on, yet the
            // partner shipped it: goods may go out twice.
            saga.attention = why + " although its release had been withdrawn (step " + saga.step
                    + "): check for goods shipped twice";
            return outcome.note("ATTENTION", saga.attention);
        }
        saga.attention = attention;
        if (order.status() == BOOKED) {
            outcome.move(RELEASED, "released to " + partnerId + " (it shipped before the cancellation reached it)");
        }
        enter(saga, SagaStep.IN_TRANSIT, now);
        return outcome.note("CANCEL_REFUSED", attention).move(SHIPPED, attention);
    }

    private SagaOutcome completeCancellation(OrderSaga saga, SagaOrder order, SagaOutcome outcome, String reason,
                                             Instant now) {
        cancelShipment(saga, order, outcome, "order cancelled: " + reason);
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

    private static void cancelShipment(OrderSaga saga, SagaOrder order, SagaOutcome outcome, String reason) {
        if (saga.shipmentId == null) {
            return;
        }
        outcome.send(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, new ShipmentCancellationRequested(order.orderId(),
                        saga.shipmentId, reason))
                .note("COMPENSATION", "shipment-service: cancel shipment " + saga.shipmentId + " (" + reason + ")");
        saga.shipmentId = null;
        saga.carrierId = null;
        saga.trackingNumber = null;
    }

    private static void recordShipment(OrderSaga saga, ShipmentBooked reply) {
        saga.shipmentId = reply.shipmentId();
        saga.carrierId = reply.carrierId();
        saga.trackingNumber = reply.trackingNumber();
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
