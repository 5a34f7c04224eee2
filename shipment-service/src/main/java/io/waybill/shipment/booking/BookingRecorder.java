package io.waybill.shipment.booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.events.shipment.ShipmentBooked;
import io.waybill.events.shipment.ShipmentBookingFailed;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.persistence.BookingRequestEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import io.waybill.shipment.persistence.ShipmentLabelEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The database side of a booking, in short transactions around the carrier calls: claim a request, record the outcome
 * together with its event ({@code booked} or {@code booking-failed}) and what became of its label purchases.
 */
@ApplicationScoped
public class BookingRecorder {

    private final Outbox outbox;
    private final Clock clock;
    private final WorkClaims claims;
    private final LabelLedger ledger;

    public BookingRecorder(Outbox outbox, Clock clock, WorkClaims claims, LabelLedger ledger) {
        this.outbox = outbox;
        this.clock = clock;
        this.claims = claims;
        this.ledger = ledger;
    }

    static final WorkClaims.Queue QUEUE = new WorkClaims.Queue("booking_request",
            "status = 'PENDING' OR (status = 'IN_PROGRESS' AND claimed_at < :stale)", "created_at");

    /**
     * Claims the oldest open request, or one whose worker has been silent longer than {@code claimTimeout} (it died
     * mid-booking; the label ledger makes taking it over safe).
     */
    public Uni<BookingRequestEntity> claimNext(Duration claimTimeout) {
        return claims.claimNext(QUEUE, BookingRequestEntity.class, claimTimeout, (request, now) -> {
            request.status = BookingRequestEntity.Status.IN_PROGRESS;
            request.claimedAt = now;
            request.attempts++;
        });
    }

    public Uni<String> booked(BookingRequestEntity snapshot, BookingPlan plan, LabelPurchase.Bought bought,
                              List<String> triedCarriers) {
        RateQuote quote = bought.quote();
        PurchasedLabel label = bought.label();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> BookingRequestEntity.<BookingRequestEntity>findById(snapshot.id,
                LockModeType.PESSIMISTIC_WRITE).chain(request -> {
            if (request.status == BookingRequestEntity.Status.BOOKED) {
                return Uni.createFrom().item(request.shipmentId);
            }
            ShipmentEntity shipment = new ShipmentEntity();
            shipment.id = "shp-" + UUID.randomUUID();
            shipment.kind = ShipmentKind.OUTBOUND;
            shipment.orderId = request.orderId;
            shipment.customerId = request.customerId;
            shipment.warehouseId = plan.warehouseId();
            shipment.bookingRequestId = request.id;
            shipment.correlationId = request.correlationId;
            shipment.shipTo = EventJson.write(plan.shipTo());
            shipment.parcels = EventJson.write(plan.parcels());
            fill(shipment, plan, quote, label, now);

            request.status = BookingRequestEntity.Status.BOOKED;
            request.shipmentId = shipment.id;
            request.triedCarriers = String.join(",", triedCarriers);
            request.completedAt = now;
            return persist(shipment, label, now)
                    .chain(() -> ledger.bought(request.id, bought.idempotencyKey(), label))
                    .chain(() -> outbox.append(ShipmentEvents.SHIPMENT_BOOKED, shipment.id, bookedEvent(shipment),
                            context(request)))
                    .replaceWith(shipment.id);
        }));
    }

    /** {@code warehouseId}: the request's origin, so a saga booking one shipment per warehouse knows which failed. */
    public Uni<Void> failed(BookingRequestEntity snapshot, String warehouseId, String reason, List<String> triedCarriers,
                            List<ShipmentBookingFailed.CarrierFailure> failures) {
        return Panache.withTransaction(() -> BookingRequestEntity.<BookingRequestEntity>findById(snapshot.id,
                LockModeType.PESSIMISTIC_WRITE).chain(request -> {
            if (request.status == BookingRequestEntity.Status.BOOKED || request.status == BookingRequestEntity.Status.FAILED) {
                return Uni.createFrom().voidItem();
            }
            request.status = BookingRequestEntity.Status.FAILED;
            request.failureReason = reason;
            request.triedCarriers = String.join(",", triedCarriers);
            request.completedAt = clock.instant();
            return ledger.abandonUnresolved(request.id).chain(() -> outbox.append(ShipmentEvents.SHIPMENT_BOOKING_FAILED, request.orderId,
                    new ShipmentBookingFailed(request.orderId, reason, triedCarriers, failures, warehouseId),
                    context(request)))
                    .replaceWithVoid();
        }));
    }

    /** Fills a shipment from the bought label; shared with return shipments. */
    public static void fill(ShipmentEntity shipment, BookingPlan plan, RateQuote quote, PurchasedLabel label, Instant now) {
        shipment.carrierId = quote.carrierId();
        shipment.serviceCode = quote.serviceCode();
        shipment.serviceLevel = quote.serviceLevel() == null ? plan.serviceLevel().name() : quote.serviceLevel().name();
        shipment.trackingNumber = label.trackingNumber();
        shipment.carrierShipmentRef = label.carrierShipmentRef();
        shipment.quotedAmount = label.cost().amount();
        shipment.quotedCurrency = label.cost().currency();
        shipment.promisedDeliveryDate = quote.promisedDeliveryDate() != null ? quote.promisedDeliveryDate()
                : quote.transitDays() == null ? null
                : LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(quote.transitDays());
        shipment.labelFormat = label.format();
        shipment.status = Milestone.PRE_TRANSIT;
        shipment.bookedAt = now;
    }

    public static Uni<Void> persist(ShipmentEntity shipment, PurchasedLabel label, Instant now) {
        ShipmentLabelEntity stored = new ShipmentLabelEntity();
        stored.shipmentId = shipment.id;
        stored.format = label.format();
        stored.content = label.content();
        stored.storedAt = now;
        return shipment.persist().chain(() -> stored.persist()).replaceWithVoid();
    }

    private static ShipmentBooked bookedEvent(ShipmentEntity shipment) {
        return new ShipmentBooked(shipment.id, shipment.orderId, shipment.customerId, shipment.carrierId,
                shipment.serviceCode, shipment.serviceLevel, shipment.trackingNumber, shipment.quotedCost(),
                shipment.promisedDeliveryDate, shipment.labelFormat, shipment.warehouseId);
    }

    private static EventContext context(BookingRequestEntity request) {
        return new EventContext(request.correlationId, request.sourceEventId, request.customerId);
    }
}
