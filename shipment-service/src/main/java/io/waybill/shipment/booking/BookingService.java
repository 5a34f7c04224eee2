package io.waybill.shipment.booking;

import io.quarkus.vertx.VertxContextSupport;
import io.waybill.events.EventJson;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.shipment.ShipmentBookingFailed;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import io.waybill.shipment.persistence.BookingRequestEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Books one shipment for a saga request, as a dispatcher would: shop the allowed carriers for rates, buy the label
 * of the best offer, and if that carrier fails, the next best; report {@code booked} with the label, or
 * {@code booking-failed} with every carrier tried and why each did not book.
 * <p>
 * Runs on a worker thread, outside any transaction: carrier calls (with their timeouts and retries) never hold a
 * database connection. Each database step is its own short transaction ({@link BookingRecorder}).
 */
@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class);

    private final CarrierRegistry carriers;
    private final RateShopper shopper;
    private final LabelPurchase purchase;
    private final BookingRecorder recorder;
    private final ShipFrom shipFrom;

    public BookingService(CarrierRegistry carriers, RateShopper shopper, LabelPurchase purchase,
                          BookingRecorder recorder, ShipFrom shipFrom) {
        this.carriers = carriers;
        this.shopper = shopper;
        this.purchase = purchase;
        this.recorder = recorder;
        this.shipFrom = shipFrom;
    }

    public void book(BookingRequestEntity request) throws Throwable {
        ShipmentBookingRequested data = EventJson.convert(EventJson.mapper().readTree(request.request),
                ShipmentBookingRequested.class);
        BookingPlan plan = new BookingPlan(data.orderId(), data.warehouseId(), shipFrom.of(data.warehouseId()),
                data.shipTo(), data.serviceLevel(), data.parcels(), data.declaredValue(), data.allowedCarriers());

        if (request.pendingQuote != null && resumePurchase(request, plan)) {
            return;
        }

        RateShopper.Offers offers = shopper.shop(plan.allowedCarriers(), plan.serviceLevel(),
                carrierId -> specFor(plan, carrierId));
        Map<String, String> failures = new LinkedHashMap<>(offers.failures());
        for (RateQuote quote : offers.ranked()) {
            CarrierAdapter carrier = carriers.find(quote.carrierId()).orElseThrow();
            try {
                await(() -> recorder.notePendingPurchase(request.id, quote));
                PurchasedLabel label = purchase.buy(carrier, quote, specFor(plan, quote.carrierId()),
                        LabelPurchase.idempotencyKey(request.id, quote.carrierId()));
                String shipmentId = await(() -> recorder.booked(request, plan, quote, label, plan.allowedCarriers()));
                LOG.infof("Booked %s for order %s with %s %s, tracking %s", shipmentId, plan.reference(),
                        quote.carrierId(), quote.serviceCode(), label.trackingNumber());
                return;
            } catch (CarrierException e) {
                LOG.warnf("Carrier %s could not book order %s, trying the next: %s", quote.carrierId(),
                        plan.reference(), e.getMessage());
                failures.put(quote.carrierId(), RateShopper.describe(e));
            }
        }
        List<ShipmentBookingFailed.CarrierFailure> reasons = new ArrayList<>();
        failures.forEach((carrier, why) -> reasons.add(new ShipmentBookingFailed.CarrierFailure(carrier, why)));
        String reason = "No allowed carrier could book a " + plan.serviceLevel() + " shipment";
        LOG.warnf("Booking of order %s failed: %s %s", plan.reference(), reason, failures);
        await(() -> recorder.failed(request, reason, plan.allowedCarriers(), reasons));
    }

    /**
     * A previous worker noted a quote and may have bought its label before it died: ask the carrier first. If it
     * has the label, the booking completes with it; otherwise rate shopping starts afresh.
     */
    private boolean resumePurchase(BookingRequestEntity request, BookingPlan plan) throws Throwable {
        RateQuote quote = EventJson.convert(EventJson.mapper().readTree(request.pendingQuote), RateQuote.class);
        Optional<CarrierAdapter> carrier = carriers.find(quote.carrierId());
        if (carrier.isEmpty()) {
            return false;
        }
        try {
            PurchasedLabel label = purchase.buy(carrier.get(), quote, specFor(plan, quote.carrierId()),
                    LabelPurchase.idempotencyKey(request.id, quote.carrierId()));
            await(() -> recorder.booked(request, plan, quote, label, plan.allowedCarriers()));
            return true;
        } catch (CarrierException e) {
            LOG.warnf("Resuming the purchase of order %s with %s failed, shopping again: %s", plan.reference(),
                    quote.carrierId(), e.getMessage());
            return false;
        }
    }

    private ShipmentSpec specFor(BookingPlan plan, String carrierId) {
        return plan.specFor(carriers.config(carrierId).labelFormat());
    }

    private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> step) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(step);
    }
}
