package io.waybill.shipment.returns;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.events.shipment.ReturnAuthorized;
import io.waybill.events.shipment.ReturnRefused;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.Address;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.shipment.booking.BookingPlan;
import io.waybill.shipment.booking.BookingRecorder;
import io.waybill.shipment.booking.LabelLedger;
import io.waybill.shipment.booking.LabelPurchase;
import io.waybill.shipment.booking.RateShopper;
import io.waybill.shipment.booking.ShipFrom;
import io.waybill.shipment.booking.WorkClaims;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import io.waybill.shipment.persistence.ReturnAuthorizationEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Buys return labels for requested returns: the original shipment's carrier, from the consignee back to the
 * warehouse, at the cheapest service it offers. The return shipment then has its own tracking number and milestones
 * like any other; {@code return-authorized} is published with it, with what the label cost.
 * <p>
 * Returns are claimed and bought the way bookings are ({@link WorkClaims}, {@link LabelPurchase}): one worker per
 * return, every purchase noted first, and a purchase whose answer was lost resumed with its own quote before any new
 * one; a return is only FAILED when it is certain that no label exists.
 */
@ApplicationScoped
public class ReturnWorker {

    private static final Logger LOG = Logger.getLogger(ReturnWorker.class);
    private static final int PER_RUN = 20;
    private static final Duration RETRY_UNRESOLVED_AFTER = Duration.ofSeconds(5);
    static final WorkClaims.Queue QUEUE = new WorkClaims.Queue("return_authorization",
            "status = 'REQUESTED' AND (claimed_at IS NULL OR claimed_at < :stale)", "requested_at");

    private final CarrierRegistry carriers;
    private final RateShopper shopper;
    private final LabelPurchase purchase;
    private final ShipFrom shipFrom;
    private final Outbox outbox;
    private final Clock clock;
    private final WorkClaims claims;
    private final LabelLedger ledger;
    private final Duration claimTimeout;
    private final int workers;

    public ReturnWorker(CarrierRegistry carriers, RateShopper shopper, LabelPurchase purchase, ShipFrom shipFrom,
                        Outbox outbox, Clock clock, WorkClaims claims, LabelLedger ledger,
                        @ConfigProperty(name = "waybill.booking.claim-timeout") Duration claimTimeout,
                        @ConfigProperty(name = "waybill.booking.workers") int workers) {
        this.carriers = carriers;
        this.shopper = shopper;
        this.purchase = purchase;
        this.shipFrom = shipFrom;
        this.outbox = outbox;
        this.clock = clock;
        this.claims = claims;
        this.ledger = ledger;
        this.claimTimeout = claimTimeout;
        this.workers = workers;
    }

    @Scheduled(every = "${waybill.booking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void authorizePending() {
        claims.drain("return-worker", workers, PER_RUN, () -> {
            ReturnAuthorizationEntity ret = VertxContextSupport.subscribeAndAwait(() -> claims.claimNext(QUEUE,
                    ReturnAuthorizationEntity.class, claimTimeout, (claimed, now) -> {
                        claimed.claimedAt = now;
                        claimed.attempts++;
                    }));
            if (ret == null) {
                return false;
            }
            try {
                authorize(ret);
            } catch (Throwable e) {
                // Our own trouble (the database): the claim lapses and the return is taken up again.
                LOG.errorf(e, "Return %s could not be authorized now; will retry", ret.id);
            }
            return true;
        });
    }

    private void authorize(ReturnAuthorizationEntity ret) throws Throwable {
        ShipmentEntity original = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                ShipmentEntity.<ShipmentEntity>findById(ret.shipmentId)));
        CarrierAdapter carrier = carriers.find(original.carrierId).orElse(null);
        if (carrier == null) {
            fail(ret, "carrier " + original.carrierId + " is no longer configured");
            return;
        }
        Address consignee = EventJson.mapper().readValue(original.shipTo, Address.class);
        List<Parcel> parcels = EventJson.mapper().readValue(original.parcels, new TypeReference<>() {
        });
        BookingPlan plan = new BookingPlan(ret.id, original.warehouseId, consignee, shipFrom.of(original.warehouseId),
                ServiceLevel.ECONOMY, parcels, null, List.of(original.carrierId));
        Function<String, ShipmentSpec> specFor = id -> plan.specFor(carriers.config(id).labelFormat());

        // An earlier attempt may have bought the label and lost the answer: that purchase, with its own quote (an
        // EasyPost label belongs to the shipment of that quote), before any fresh rates.
        LabelPurchase.Resumed resumed = purchase.resume(ret.id, specFor);
        if (resumed.bought().isPresent()) {
            authorized(ret, original, plan, resumed.bought().get());
            return;
        }
        if (resumed.unresolved()) {
            retryLater(ret, "an earlier return label purchase is still unresolved");
            return;
        }
        RateShopper.Offers offers = shopper.shop(plan.allowedCarriers(), plan.serviceLevel(), specFor);
        if (offers.ranked().isEmpty()) {
            fail(ret, "no return service: " + offers.failures());
            return;
        }
        RateQuote quote = offers.ranked().get(0);
        try {
            authorized(ret, original, plan, purchase.buy(ret.id, carrier, quote, specFor.apply(carrier.carrierId())));
        } catch (LabelPurchase.UnresolvedPurchaseException uncertain) {
            // A label may exist: never FAILED (an operator would arrange a second return), never a fresh purchase.
            retryLater(ret, uncertain.getMessage());
        } catch (CarrierException e) {
            fail(ret, RateShopper.describe(e));
        }
    }

    private void authorized(ReturnAuthorizationEntity ret, ShipmentEntity original, BookingPlan plan,
                            LabelPurchase.Bought bought) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> recordAuthorized(ret.id, original,
                plan, bought)));
    }

    /**
     * Lets the claim lapse {@link #RETRY_UNRESOLVED_AFTER} from now, so a later run takes the return up again (and
     * resumes its purchase first) without asking a carrier that just failed over and over within one run.
     */
    private void retryLater(ReturnAuthorizationEntity snapshot, String why) throws Throwable {
        LOG.warnf("Return %s: %s; will try again", snapshot.id, why);
        Instant lapsesAt = clock.instant().plus(RETRY_UNRESOLVED_AFTER);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                ReturnAuthorizationEntity.<ReturnAuthorizationEntity>findById(snapshot.id).invoke(ret -> {
                    ret.claimedAt = lapsesAt.minus(claimTimeout);
                    ret.failureReason = why;
                }).replaceWithVoid()));
    }

    private Uni<Void> recordAuthorized(String returnId, ShipmentEntity original, BookingPlan plan,
                                       LabelPurchase.Bought bought) {
        Instant now = clock.instant();
        RateQuote quote = bought.quote();
        PurchasedLabel label = bought.label();
        return ReturnAuthorizationEntity.<ReturnAuthorizationEntity>findById(returnId, LockModeType.PESSIMISTIC_WRITE)
                .chain(ret -> {
                    if (ret.status != ReturnAuthorizationEntity.Status.REQUESTED) {
                        return Uni.createFrom().voidItem();
                    }
                    ShipmentEntity shipment = new ShipmentEntity();
                    shipment.id = "shp-" + UUID.randomUUID();
                    shipment.kind = ShipmentKind.RETURN;
                    shipment.orderId = original.orderId;
                    shipment.customerId = original.customerId;
                    shipment.warehouseId = original.warehouseId;
                    shipment.returnId = ret.id;
                    shipment.correlationId = ret.correlationId;
                    shipment.shipTo = EventJson.write(plan.shipTo());
                    shipment.parcels = original.parcels;
                    BookingRecorder.fill(shipment, plan, quote, label, now);
                    ret.status = ReturnAuthorizationEntity.Status.AUTHORIZED;
                    ret.returnShipmentId = shipment.id;
                    ret.authorizedAt = now;
                    ret.failureReason = null;
                    EventContext context = new EventContext(ret.correlationId, null, ret.customerId);
                    return BookingRecorder.persist(shipment, label, now)
                            .chain(() -> ledger.bought(ret.id, bought.idempotencyKey(), label))
                            .chain(() -> outbox.append(ShipmentEvents.RETURN_AUTHORIZED, original.id,
                                    new ReturnAuthorized(ret.id, original.id, ret.orderId, ret.customerId, lines(ret),
                                            ret.reason, shipment.id, shipment.carrierId, shipment.trackingNumber,
                                            shipment.warehouseId, label.cost()), context))
                            .replaceWithVoid();
                });
    }

    /** The return will not be authorized: it says so ({@code return-refused}), so the customer is not left waiting. */
    private void fail(ReturnAuthorizationEntity snapshot, String why) throws Throwable {
        LOG.warnf("Return %s could not get a return label: %s", snapshot.id, why);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                ReturnAuthorizationEntity.<ReturnAuthorizationEntity>findById(snapshot.id, LockModeType.PESSIMISTIC_WRITE)
                        .chain(ret -> {
                            if (ret.status != ReturnAuthorizationEntity.Status.REQUESTED) {
                                return Uni.createFrom().voidItem();
                            }
                            ret.status = ReturnAuthorizationEntity.Status.FAILED;
                            ret.failureReason = why;
                            return ledger.abandonUnresolved(ret.id)
                                    .chain(() -> outbox.append(ShipmentEvents.RETURN_REFUSED, ret.shipmentId,
                                            new ReturnRefused(ret.id, ret.shipmentId, ret.orderId, ret.customerId, lines(ret),
                                                    ReturnRefused.NO_RETURN_LABEL, clock.instant()),
                                            new EventContext(ret.correlationId, null, ret.customerId)))
                                    .replaceWithVoid();
                        })));
    }

    static List<ReturnLine> lines(ReturnAuthorizationEntity ret) {
        try {
            return EventJson.mapper().readValue(ret.lines, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
