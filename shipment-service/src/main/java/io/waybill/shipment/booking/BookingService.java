package io.waybill.shipment.booking;

import io.quarkus.vertx.VertxContextSupport;
import io.waybill.events.EventJson;
import io.waybill.events.order.ShipmentBookingRequested;
import io.waybill.events.shipment.ShipmentBookingFailed;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import io.waybill.shipment.persistence.BookingRequestEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Books one shipment for a saga request, as a dispatcher would: shop the allowed carriers for rates, buy the label
 * of the best offer, and if that carrier fails, the next best (once it is known that the failed purchase left no label,
 * or it stays on record to be voided); report {@code booked} with the label, or
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

        // A worker that died, or a carrier that did not answer, may have left a purchase whose label exists: that one
        // first, with its own quote and key, before anything is bought elsewhere.
        LabelPurchase.Resumed resumed = purchase.resume(request.id, carrierId -> specFor(plan, carrierId));
        if (resumed.bought().isPresent()) {
            booked(request, plan, resumed.bought().get());
            return;
        }

        RateShopper.Offers offers = shopper.shop(plan.allowedCarriers(), plan.serviceLevel(),
                carrierId -> specFor(plan, carrierId));
        Map<String, String> failures = new LinkedHashMap<>(offers.failures());
        for (RateQuote quote : offers.ranked()) {
            CarrierAdapter carrier = carriers.find(quote.carrierId()).orElseThrow();
            try {
                booked(request, plan, purchase.buy(request.id, carrier, quote, specFor(plan, quote.carrierId())));
                return;
            } catch (CarrierException e) {
                // An unresolved purchase stays in the ledger: its label is voided if it turns up after all.
                LOG.warnf("Carrier %s could not book order %s, trying the next: %s", quote.carrierId(),
                        plan.reference(), e.getMessage());
                failures.put(quote.carrierId(), RateShopper.describe(e));
            }
        }
        List<ShipmentBookingFailed.CarrierFailure> reasons = new ArrayList<>();
        failures.forEach((carrier, why) -> reasons.add(new ShipmentBookingFailed.CarrierFailure(carrier, why)));
        String reason = "No allowed carrier could book a " + plan.serviceLevel() + " shipment";
        LOG.warnf("Booking of order %s failed: %s %s", plan.reference(), reason, failures);
        await(() -> recorder.failed(request, plan.warehouseId(), reason, plan.allowedCarriers(), reasons));
    }

    private void booked(BookingRequestEntity request, BookingPlan plan, LabelPurchase.Bought bought) throws Throwable {
        String shipmentId = await(() -> recorder.booked(request, plan, bought, plan.allowedCarriers()));
        LOG.infof("Booked %s for order %s with %s %s, tracking %s", shipmentId, plan.reference(),
                bought.quote().carrierId(), bought.quote().serviceCode(), bought.label().trackingNumber());
    }

    private ShipmentSpec specFor(BookingPlan plan, String carrierId) {
        return plan.specFor(carriers.config(carrierId).labelFormat());
    }

    private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> step) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(step);
    }
}
