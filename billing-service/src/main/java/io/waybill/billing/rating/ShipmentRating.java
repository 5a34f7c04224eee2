package io.waybill.billing.rating;

import io.smallrye.mutiny.Uni;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.shipment.ReturnAuthorized;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentCancelled;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.model.billing.ChargeLine;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps billing's view of each shipment up to date from shipment and order events and computes the customer's charge
 * as soon as both halves of what it needs are there: the booking (carrier, quote, service level) from
 * shipment-service and the booking request (destination, parcels) from order-service. Those come on two streams
 * and in either order. Every method runs inside the caller's (inbox) transaction and is idempotent.
 */
@ApplicationScoped
public class ShipmentRating {

    private static final Logger LOG = Logger.getLogger(ShipmentRating.class);

    private final RateAgreements agreements;
    private final Clock clock;

    public ShipmentRating(RateAgreements agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    public Uni<List<BillableShipment>> recordBookingRequest(ShipmentBookingRequested request) {
        return OrderLock.acquire(request.orderId())
                .chain(() -> OrderRatingBasis.<OrderRatingBasis>findById(request.orderId()))
                .chain(existing -> {
                    OrderRatingBasis basis = existing != null ? existing : new OrderRatingBasis();
                    basis.orderId = request.orderId();
                    basis.customerId = request.customerId();
                    basis.serviceLevel = request.serviceLevel().name();
                    basis.destinationCountry = request.shipTo().countryCode();
                    basis.chargeableWeightKg = FreightRater.chargeableWeightKg(request.parcels());
                    basis.requestedAt = clock.instant();
                    return basis.<OrderRatingBasis>persist();
                })
                .chain(basis -> BillableShipment.ofOrder(request.orderId()).chain(shipments -> {
                    // Bookings that arrived before this request were waiting for it.
                    List<BillableShipment> waiting = shipments.stream()
                            .filter(s -> s.chargeStatus == ChargeStatus.AWAITING_BASIS).toList();
                    Uni<Void> rated = Uni.createFrom().voidItem();
                    for (BillableShipment shipment : waiting) {
                        rated = rated.chain(() -> rate(shipment, basis));
                    }
                    return rated.replaceWith(waiting);
                }));
    }

    public Uni<BillableShipment> recordBooking(ShipmentBooked booked) {
        return OrderLock.acquire(booked.orderId())
                .chain(() -> BillableShipment.findOrCreate(booked.shipmentId(), booked.orderId(), booked.customerId()))
                .chain(shipment -> {
                    if (shipment.isBooked()) {
                        // A booking reported again with the carrier's cost that the first report lacked: keep the
                        // quote (carrier bill lines waiting for it are audited next); nothing else changes.
                        if (shipment.quotedAmount == null && booked.quotedCost() != null
                                && java.util.Objects.equals(shipment.carrierId, booked.carrierId())) {
                            shipment.quotedAmount = booked.quotedCost().rounded().amount();
                            shipment.quotedCurrency = booked.quotedCost().currency();
                            return shipment.<BillableShipment>persist();
                        }
                        return Uni.createFrom().item(shipment);
                    }
                    shipment.carrierId = booked.carrierId();
                    shipment.trackingNumber = booked.trackingNumber();
                    shipment.serviceLevel = booked.serviceLevel();
                    if (booked.quotedCost() != null) {
                        shipment.quotedAmount = booked.quotedCost().rounded().amount();
                        shipment.quotedCurrency = booked.quotedCost().currency();
                    }
                    shipment.bookedAt = clock.instant();
                    shipment.chargeStatus = ChargeStatus.AWAITING_BASIS;
                    return shipment.<BillableShipment>persist()
                            .chain(saved -> OrderRatingBasis.<OrderRatingBasis>findById(saved.orderId)
                                    .chain(basis -> basis == null ? Uni.createFrom().voidItem() : rate(saved, basis))
                                    .replaceWith(saved));
                });
    }

    /**
     * A return label was bought: the return shipment becomes a shipment of the order with the carrier, tracking number
     * and quote (the label cost) of a booking, so the freight audit matches the carrier's bill for it, but it is
     * {@link ChargeStatus#NOT_CHARGED}: the customer is not invoiced for returns. Its delivery back to the warehouse
     * (a {@code shipment.delivered} of the return shipment) only records when the goods arrived.
     */
    public Uni<BillableShipment> recordReturn(ReturnAuthorized authorized) {
        return OrderLock.acquire(authorized.orderId())
                .chain(() -> BillableShipment.findOrCreate(authorized.returnShipmentId(), authorized.orderId(),
                        authorized.customerId()))
                .chain(shipment -> {
                    if (shipment.isReturn()) {
                        // Reported again, now with the label cost the first report lacked: keep it as the quote
                        // (carrier bill lines waiting for it are audited next); nothing else changes.
                        if (shipment.quotedAmount == null && authorized.labelCost() != null) {
                            shipment.quotedAmount = authorized.labelCost().rounded().amount();
                            shipment.quotedCurrency = authorized.labelCost().currency();
                            return shipment.<BillableShipment>persist();
                        }
                        return Uni.createFrom().item(shipment);
                    }
                    // Possibly known already from its delivery back, which may be reported first.
                    shipment.returnOfShipmentId = authorized.shipmentId();
                    shipment.returnId = authorized.returnId();
                    shipment.carrierId = authorized.carrierId();
                    shipment.trackingNumber = authorized.trackingNumber();
                    if (authorized.labelCost() != null) {
                        shipment.quotedAmount = authorized.labelCost().rounded().amount();
                        shipment.quotedCurrency = authorized.labelCost().currency();
                    }
                    shipment.bookedAt = clock.instant();
                    shipment.chargeStatus = ChargeStatus.NOT_CHARGED;
                    shipment.ratingNote = "Return of shipment " + authorized.shipmentId() + ": not charged to the customer";
                    return shipment.<BillableShipment>persist();
                });
    }

    /** The first proof of delivery counts; later reports of the same delivery change nothing. */
    public Uni<BillableShipment> recordDelivery(ShipmentDelivered delivered) {
        return OrderLock.acquire(delivered.orderId())
                .chain(() -> BillableShipment.findOrCreate(delivered.shipmentId(), delivered.orderId(), delivered.customerId()))
                .chain(shipment -> {
                    if (!shipment.isDelivered()) {
                        shipment.deliveredAt = delivered.deliveredAt() != null ? delivered.deliveredAt() : clock.instant();
                        shipment.proofOfDeliveryRef = delivered.proofOfDeliveryRef();
                    }
                    return shipment.persist();
                });
    }

    public Uni<BillableShipment> recordCancellation(ShipmentCancelled cancelled) {
        return OrderLock.acquire(cancelled.orderId())
                .chain(() -> BillableShipment.<BillableShipment>findById(cancelled.shipmentId())).chain(shipment -> {
            if (shipment == null) {
                return Uni.createFrom().nullItem();
            }
            if (shipment.isInvoiced()) {
                LOG.warnf("Shipment %s was cancelled after invoice %s; a credit note needs an operator",
                        shipment.shipmentId, shipment.invoiceId);
            }
            if (!shipment.isCancelled()) {
                shipment.cancelledAt = clock.instant();
            }
            return shipment.persist();
        });
    }

    private Uni<Void> rate(BillableShipment shipment, OrderRatingBasis basis) {
        return agreements.termsOf(shipment.customerId).chain(terms -> {
            if (terms.isEmpty()) {
                return unrated(shipment, "Customer " + shipment.customerId + " has no rate agreement");
            }
            String serviceLevel = shipment.serviceLevel != null ? shipment.serviceLevel : basis.serviceLevel;
            List<ChargeLine> lines;
            try {
                lines = FreightRater.rate(terms.get(), serviceLevel, basis.destinationCountry, basis.chargeableWeightKg);
            } catch (FreightRater.Unrateable e) {
                return unrated(shipment, e.getMessage());
            }
            shipment.chargeStatus = ChargeStatus.RATED;
            shipment.ratingNote = null;
            // After any line already there (a carrier accessorial accepted before the shipment could be rated).
            return ChargeLineRecord.count("shipmentId", shipment.shipmentId).chain(existing -> {
                List<ChargeLineRecord> records = new ArrayList<>();
                for (ChargeLine line : lines) {
                    records.add(ChargeLineRecord.of(shipment.shipmentId, existing.intValue() + records.size() + 1,
                            line, ChargeLineRecord.Origin.RATED, null));
                }
                return ChargeLineRecord.persist(records);
            });
        });
    }

    private static Uni<Void> unrated(BillableShipment shipment, String why) {
        LOG.warnf("Shipment %s cannot be rated: %s", shipment.shipmentId, why);
        shipment.chargeStatus = ChargeStatus.UNRATED;
        shipment.ratingNote = why;
        return Uni.createFrom().voidItem();
    }
}
