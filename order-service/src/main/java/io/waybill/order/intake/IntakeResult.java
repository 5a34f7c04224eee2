package io.waybill.order.intake;

/** The answer to a submission: the order and the exact response body; {@code replayed} for a retried submission. */
public record IntakeResult(String orderId, String responseBody, boolean replayed) {
}
