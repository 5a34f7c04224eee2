package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.model.billing.NoteKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Numbers of posted documents: {@code INV-2026-000042}, {@code CN-...}, {@code DN-...}, from database sequences so
 * that replicas never hand out the same number. Sequences may leave gaps after a rolled-back transaction; Odoo
 * gives the legally sequential number when it posts the move.
 */
@ApplicationScoped
public class DocumentNumbers {

    public Uni<String> nextInvoiceNumber(Instant issuedAt) {
        return next("invoice_number_seq", "INV", issuedAt);
    }

    public Uni<String> nextNoteNumber(NoteKind kind, Instant issuedAt) {
        return kind == NoteKind.CREDIT
                ? next("credit_note_number_seq", "CN", issuedAt)
                : next("debit_note_number_seq", "DN", issuedAt);
    }

    private Uni<String> next(String sequence, String prefix, Instant issuedAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT nextval('" + sequence + "')", Long.class)
                        .getSingleResult())
                .map(value -> "%s-%d-%06d".formatted(prefix, issuedAt.atZone(ZoneOffset.UTC).getYear(), value));
    }
}
