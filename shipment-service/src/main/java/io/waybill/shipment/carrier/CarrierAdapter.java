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

    /**
     * After a purchase whose outcome nobody saw (timeout, 5xx, dropped answer): the label the carrier issued for this
     * idempotency key or quote, if it did. Unlike {@link #findPurchased}, every carrier answers this, including the
     * ones that honour idempotency keys, because the booking may go on to another carrier and must know first.
     */
    default Optional<PurchasedLabel> lookUpPurchase(RateQuote quote, String idempotencyKey) {
        return findPurchased(quote, idempotencyKey);
    }

    /**
     * Voids (refunds) the label, so nothing is carried and nothing is charged: {@link VoidOutcome#VOIDED} when done,
     * {@link VoidOutcome#PENDING} when the carrier settles it later.
     *
     * @throws CarrierRejectedException if the carrier refuses (the parcel is already on its way)
     */
    VoidOutcome voidLabel(String trackingNumber, String carrierShipmentRef);

    /**
     * Where a {@link VoidOutcome#PENDING} void stands now.
     *
     * @throws CarrierRejectedException if the carrier rejected it in the end
     */
    default VoidOutcome voidStatus(String trackingNumber, String carrierShipmentRef) {
        return VoidOutcome.VOIDED;
    }

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
