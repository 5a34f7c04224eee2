package io.waybill.order.fulfilment.acme;

import io.waybill.order.fulfilment.FulfilmentEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * acme-3pl's webhook body: {@code type} is ACKNOWLEDGED, PICKED, PACKED, SHIPPED or SHORTAGE, or CANCELLED /
 * CANCEL_REFUSED answering a cancellation later than its API call did; {@code sku} and {@code quantity} say what was
 * short; {@code releaseReference} is the reference we released with (our order id, or order id and warehouse for
 * a part of a split order).
 */
public record AcmeFulfilmentEvent(
        @NotBlank @Size(max = 200) String eventId,
        @NotBlank @Size(max = 150) String releaseReference,
        @NotNull FulfilmentEvent.Kind type,
        @Size(max = 100) String sku,
        @PositiveOrZero BigDecimal quantity,
        @Size(max = 100) String trackingNumber,
        Instant occurredAt) {

    public FulfilmentEvent toCanonical(String partnerId) {
        return new FulfilmentEvent(partnerId, eventId, releaseReference, type, sku, quantity, trackingNumber, occurredAt);
    }
}
