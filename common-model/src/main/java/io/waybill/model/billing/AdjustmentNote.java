package io.waybill.model.billing;

import io.waybill.model.Money;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A credit or debit note against a posted invoice; its total is by construction the sum of its lines. */
public record AdjustmentNote(String noteId, NoteKind kind, String number, String invoiceId, String invoiceNumber,
                             String customerId, String reason, Instant issuedAt, List<AdjustmentNoteLine> lines,
                             Money total) {

    public AdjustmentNote {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(invoiceId, "invoiceId");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A note has at least one line");
        }
        Money sum = Totals.sum(lines.stream().map(AdjustmentNoteLine::amount).toList(), total.currency());
        if (!sum.sameValueAs(total)) {
            throw new IllegalArgumentException("Note total " + total + " is not the sum of its lines " + sum);
        }
    }
}
