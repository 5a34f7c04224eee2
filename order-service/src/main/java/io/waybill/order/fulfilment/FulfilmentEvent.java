package io.waybill.order.fulfilment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The canonical form of what a warehouse partner tells us about a release, whatever the link (acme-3pl webhook,
 * northwind-3pl CSV). {@code partnerEventId} is the partner's own id for the message: a resent message has the
 * same one and no second effect.
 */
public record FulfilmentEvent(
        String partnerId,
        String partnerEventId,
        /** The reference the release was sent with: our order id, or order id and warehouse for a split order. */
        String releaseReference,
        Kind kind,
        String sku,
        BigDecimal quantity,
        String trackingNumber,
        Instant occurredAt) {

    public enum Kind {
        ACKNOWLEDGED,
        PICKED,
        PACKED,
        SHIPPED,
        /** The warehouse could not pick {@code quantity} of {@code sku}. */
        SHORTAGE,
        /** The partner cancelled the release we asked it to cancel: nothing will ship. */
        CANCELLED,
        /** The partner could not cancel the release: the goods had already left its warehouse. */
        CANCEL_REFUSED
    }
}
