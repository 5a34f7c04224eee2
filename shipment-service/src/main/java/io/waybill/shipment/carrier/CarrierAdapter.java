package io.waybill.shipment.carrier;

import java.util.List;
import java.util.Optional;

/**
 * What shipment-service needs from a carrier, whatever API it speaks. Implementations translate to and from the
 * carrier's own payloads and map its HTTP outcomes to {@link CarrierException}s; they do not retry, time out or
 * trip breakers themselves: {@link CarrierGuards} wraps every call with the carrier's fault-tolerance policy.
 * <p>
 * Calls are blocking and run on worker threads, never inside a database transaction.
 */
public interface CarrierAdapter {

    String carrierId();

    /** Rates for the shipment, one per service the carrier offers for it. */
    List<RateQuote> quote(ShipmentSpec shipment);

    /**
     * Buys the label of a quote. {@code idempotencyKey} is stable across retries of the same booking: carriers that
     * support idempotency keys get it, the others are asked first (see {@link #findPurchased}) so a retry after a
     * lost response never buys a second label.
     */
    PurchasedLabel buy(RateQuote quote, ShipmentSpec shipment, String idempotencyKey);

    /**
     * The label already bought for this quote, if the carrier has one: the lookup before a re-buy, for carriers
     * without idempotency keys. Carriers that honour idempotency keys return empty.
     */
    default Optional<PurchasedLabel> findPurchased(RateQuote quote, String idempotencyKey) {
        return Optional.empty();
    }

    /** Voids (refunds) the label, so nothing is carried and nothing is charged. */
    void voidLabel(String trackingNumber, String carrierShipmentRef);

    /** The carrier's tracking history of a parcel; used for carriers that do not push webhooks. */
    List<CarrierTrackingUpdate> track(String trackingNumber, String carrierShipmentRef);

    /**
     * Reads a webhook body (already authenticated) in the carrier's own format into tracking updates.
     *
     * @throws IllegalArgumentException if the body is not a webhook of this carrier
     */
    List<CarrierTrackingUpdate> parseWebhook(String body);

    /** The carrier's own id of a webhook delivery (e.g. EasyPost's Event id), if its body carries one. */
    default Optional<String> webhookDeliveryId(String body) {
        return Optional.empty();
    }
}
