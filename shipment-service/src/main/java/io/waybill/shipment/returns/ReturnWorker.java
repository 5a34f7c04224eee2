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
import io.waybill.shipment.booking.LabelPurchase;
import io.waybill.shipment.booking.RateShopper;
import io.waybill.shipment.booking.ShipFrom;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.persistence.ReturnAuthorizationEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Buys return labels for requested returns: the original shipment's carrier, from the consignee back to the
 * warehouse, at the cheapest service it offers. The return shipment then has its own tracking number and milestones
 * like any other; {@code return-authorized} is published with it.
 */
@ApplicationScoped
public class ReturnWorker {

    private static final Logger LOG = Logger.getLogger(ReturnWorker.class);

    private final CarrierRegistry carriers;
    private final RateShopper shopper;
    private final LabelPurchase purchase;
    private final ShipFrom shipFrom;
    private final Outbox outbox;
    private final Clock clock;

    public ReturnWorker(CarrierRegistry carriers, RateShopper shopper, LabelPurchase purchase, ShipFrom shipFrom,
                        Outbox outbox, Clock clock) {
        this.carriers = carriers;
        this.shopper = shopper;
        this.purchase = purchase;
        this.shipFrom = shipFrom;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.booking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void authorizePending() throws Throwable {
        List<ReturnAuthorizationEntity> pending = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                ReturnAuthorizationEntity.<ReturnAuthorizationEntity>list("status = ?1 order by requestedAt",
                        ReturnAuthorizationEntity.Status.REQUESTED)));
        for (ReturnAuthorizationEntity ret : pending) {
            try {
                authorize(ret);
            } catch (Throwable e) {
                LOG.errorf(e, "Return %s could not be authorized now; will retry", ret.id);
            }
        }
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
        RateShopper.Offers offers = shopper.shop(plan.allowedCarriers(), plan.serviceLevel(),
                id -> plan.specFor(carriers.config(id).labelFormat()));
        if (offers.ranked().isEmpty()) {
            fail(ret, "no return service: " + offers.failures());
            return;
        }
        RateQuote quote = offers.ranked().get(0);
        PurchasedLabel label;
        try {
            label = purchase.buy(carrier, quote, plan.specFor(carriers.config(carrier.carrierId()).labelFormat()),
                    LabelPurchase.idempotencyKey(ret.id, carrier.carrierId()));
        } catch (CarrierException e) {
            fail(ret, RateShopper.describe(e));
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> recordAuthorized(ret.id, original, plan,
                quote, label)));
    }

    private Uni<Void> recordAuthorized(String returnId, ShipmentEntity original, BookingPlan plan, RateQuote quote,
                                       PurchasedLabel label) {
        Instant now = clock.instant();
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
                    EventContext context = new EventContext(ret.correlationId, null, ret.customerId);
                    return BookingRecorder.persist(shipment, label, now)
                            .chain(() -> outbox.append(ShipmentEvents.RETURN_AUTHORIZED, original.id,
                                    new ReturnAuthorized(ret.id, original.id, ret.orderId, ret.customerId, lines(ret),
                                            ret.reason, shipment.id, shipment.carrierId, shipment.trackingNumber,
                                            shipment.warehouseId), context))
                            .replaceWithVoid();
                });
    }

    /** The return will not be authorized: it says so ({@code return-refused}), so the customer is not left waiting. */
    private void fail(ReturnAuthorizationEntity snapshot, String why) throws Throwable {
        LOG.warnf("Return %s could not get a return label: %s", snapshot.id, why);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                ReturnAuthorizationEntity.<ReturnAuthorizationEntity>findById(snapshot.id,
                        LockModeType.PESSIMISTIC_WRITE).chain(ret -> {
                    if (ret.status != ReturnAuthorizationEntity.Status.REQUESTED) {
                        return Uni.createFrom().voidItem();
                    }
                    ret.status = ReturnAuthorizationEntity.Status.FAILED;
                    ret.failureReason = why;
                    return outbox.append(ShipmentEvents.RETURN_REFUSED, ret.shipmentId,
                            new ReturnRefused(ret.id, ret.shipmentId, ret.orderId, ret.customerId, lines(ret),
                                    ReturnRefused.NO_RETURN_LABEL, clock.instant()),
                            new EventContext(ret.correlationId, null, ret.customerId)).replaceWithVoid();
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
