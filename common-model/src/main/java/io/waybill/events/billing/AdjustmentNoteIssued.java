package io.waybill.events.billing;

import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNoteLine;
import io.waybill.model.billing.NoteKind;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code waybill.billing.credit-note-issued.v1} and {@code waybill.billing.debit-note-issued.v1}: a note
 * against a posted invoice. Amounts are positive; {@code kind} (and the event type) say the direction.
 */
public record AdjustmentNoteIssued(String noteId, NoteKind kind, String number, String invoiceId,
                                   String invoiceNumber, String customerId, String orderId, String reason,
                                   Instant issuedAt, List<AdjustmentNoteLine> lines, Money total) {
}
