package io.waybill.shipment.booking;

import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Buys a label without ever buying two for one booking. Every attempt, first or retried, sends the same idempotency
 * key and first asks the carrier whether this quote was already bought: carriers with idempotency keys answer the
 * retry with the first label, carriers without them are caught by the lookup.
 */
@ApplicationScoped
public class LabelPurchase {

    private final CarrierGuards guards;

    public LabelPurchase(CarrierGuards guards) {
        this.guards = guards;
    }

    public PurchasedLabel buy(CarrierAdapter carrier, RateQuote quote, ShipmentSpec spec, String idempotencyKey) {
        return guards.call(carrier.carrierId(),
                () -> carrier.findPurchased(quote, idempotencyKey)
                        .orElseGet(() -> carrier.buy(quote, spec, idempotencyKey)),
                PurchasedLabel.class);
    }

    public static String idempotencyKey(String bookingId, String carrierId) {
        return "waybill-" + bookingId + "-" + carrierId;
    }
}
