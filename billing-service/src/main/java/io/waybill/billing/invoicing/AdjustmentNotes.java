package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.posting.BillingPublisher;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNote;
import io.waybill.model.billing.AdjustmentNoteLine;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.NoteKind;
import io.waybill.model.billing.Totals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Adjustments of posted invoices, which are never edited: a credit note reverses (part of) invoice lines or debit-note
 * lines, a debit note adds a charge that came to light after the invoice, such as a carrier re-weigh an operator
 * accepted or a charge finance adds by hand.
 * <p>
 * Every adjustment first locks the invoice row ({@code SELECT ... FOR UPDATE}) and only then reads what was credited
 * before: two credit requests for the same invoice are serialized, so together they can never reverse more than was
 * charged.
 */
@ApplicationScoped
public class AdjustmentNotes {

    private final DocumentNumbers numbers;
    private final BillingPublisher publisher;
    private final Clock clock;

    public AdjustmentNotes(DocumentNumbers numbers, BillingPublisher publisher, Clock clock) {
        this.numbers = numbers;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Something a credit can reverse: an invoice line or a debit-note line, with what it charged. */
    private record Creditable(String key, Integer invoiceLineNumber, UUID debitLineId, String label, String shipmentId,
                              ChargeCode code, String description, Money charged) {
    }

    /**
     * Credits what the request names, never more than an invoice line or debit-note line still holds after earlier
     * credit notes, so that the credits of a line can never exceed what was charged for it.
     */
    @WithTransaction
    public Uni<AdjustmentNote> credit(UUID invoiceId, CreditNoteRequest request, EventContext context) {
        return locked(invoiceId).chain(invoice -> InvoiceLineRecord.ofInvoice(invoiceId)
                .chain(invoiceLines -> AdjustmentNoteRecord.ofInvoice(invoiceId).chain(notes ->
                        AdjustmentNoteLineRecord.ofNotes(notes.stream().map(n -> n.id).toList()).chain(noteLines -> {
                            List<AdjustmentNoteLineRecord> creditLines = new ArrayList<>();
                            List<AdjustmentNoteLine> lines = creditLines(invoice, invoiceLines, notes, noteLines,
                                    request, creditLines);
                            return post(invoice, NoteKind.CREDIT, request.reason(), lines, creditLines, null, context);
                        }))));
    }

    /** A debit note passing an accepted carrier charge on to the customer; one per dispute (unique in the database). */
    public Uni<AdjustmentNote> debitForAcceptedDispute(UUID invoiceId, UUID disputeId, String shipmentId,
                                                      ChargeCode code, String description, Money amount,
                                                      String reason, EventContext context) {
        return locked(invoiceId).chain(invoice -> post(invoice, NoteKind.DEBIT, reason,
                List.of(new AdjustmentNoteLine(1, null, shipmentId, code, description, amount)), null, disputeId,
                context));
    }

    /** A charge finance adds to a posted invoice by hand; shipments named must be on the invoice. */
    @WithTransaction
    public Uni<AdjustmentNote> debit(UUID invoiceId, DebitNoteRequest request, EventContext context) {
        return locked(invoiceId).chain(invoice -> InvoiceLineRecord.ofInvoice(invoiceId).chain(invoiceLines -> {
            Set<String> shipments = new HashSet<>();
            invoiceLines.forEach(l -> shipments.add(l.shipmentId));
            int minorUnits = Currency.getInstance(invoice.currency).getDefaultFractionDigits();
            List<Problem.FieldError> errors = new ArrayList<>();
            List<AdjustmentNoteLine> lines = new ArrayList<>();
            for (int i = 0; i < request.lines().size(); i++) {
                DebitNoteRequest.Line line = request.lines().get(i);
                String field = "lines[" + i + "]";
                if (line.shipmentId() != null && !shipments.contains(line.shipmentId())) {
                    errors.add(new Problem.FieldError(field + ".shipmentId",
                            "Invoice " + invoice.number + " does not bill shipment " + line.shipmentId()));
                } else if (!validAmount(line.amount(), minorUnits)) {
                    errors.add(new Problem.FieldError(field + ".amount",
                            "A positive amount with at most " + minorUnits + " decimals"));
                } else {
                    lines.add(new AdjustmentNoteLine(lines.size() + 1, null, line.shipmentId(), line.code(),
                            line.description(), new Money(line.amount(), invoice.currency).rounded()));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("invalid-debit-note", "The debit note cannot be issued", errors);
            }
            return post(invoice, NoteKind.DEBIT, request.reason(), lines, null, null, context);
        }));
    }

    /** The invoice row, locked until the transaction ends. */
    private static Uni<InvoiceRecord> locked(UUID invoiceId) {
        return InvoiceRecord.<InvoiceRecord>findById(invoiceId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("invoice", "No invoice " + invoiceId));
    }

    private static boolean validAmount(BigDecimal amount, int minorUnits) {
        return amount != null && amount.signum() > 0 && amount.stripTrailingZeros().scale() <= minorUnits;
    }

    private static List<AdjustmentNoteLine> creditLines(InvoiceRecord invoice, List<InvoiceLineRecord> invoiceLines,
                                                        List<AdjustmentNoteRecord> notes,
                                                        List<AdjustmentNoteLineRecord> noteLines,
                                                        CreditNoteRequest request,
                                                        List<AdjustmentNoteLineRecord> creditRecords) {
        String currency = invoice.currency;
        Map<UUID, AdjustmentNoteRecord> notesById = new HashMap<>();
        notes.forEach(n -> notesById.put(n.id, n));
        // What can be credited, in document order: the invoice's lines, then its debit notes' lines.
        List<Creditable> creditables = new ArrayList<>();
        Map<String, Creditable> byKey = new HashMap<>();
        for (InvoiceLineRecord line : invoiceLines) {
            creditables.add(new Creditable("invoice:" + line.lineNumber, line.lineNumber, null,
                    "Line " + line.lineNumber, line.shipmentId, line.code, line.description, line.toLine(currency).amount()));
        }
        for (AdjustmentNoteRecord note : notes) {
            if (note.kind != NoteKind.DEBIT) {
                continue;
            }
            for (AdjustmentNoteLineRecord line : noteLines) {
                if (line.noteId.equals(note.id)) {
                    creditables.add(new Creditable(note.number + ":" + line.lineNumber, null, line.id,
                            "Debit note " + note.number + " line " + line.lineNumber, line.shipmentId, line.code,
                            line.description, line.toLine(currency).amount()));
                }
            }
        }
        creditables.forEach(c -> byKey.put(c.key(), c));
        Map<String, Money> credited = new HashMap<>();
        Map<UUID, String> debitKeyById = new HashMap<>();
        creditables.stream().filter(c -> c.debitLineId() != null).forEach(c -> debitKeyById.put(c.debitLineId(), c.key()));
        for (AdjustmentNoteLineRecord line : noteLines) {
            if (notesById.get(line.noteId).kind != NoteKind.CREDIT) {
                continue;
            }
            String key = line.creditedNoteLineId != null ? debitKeyById.get(line.creditedNoteLineId)
                    : line.invoiceLineNumber != null ? "invoice:" + line.invoiceLineNumber : null;
            if (key != null) {
                credited.merge(key, line.toLine(currency).amount(), Money::plus);
            }
        }

        boolean everything = request.lines() == null || request.lines().isEmpty();
        List<String> wantedKeys = new ArrayList<>();
        List<BigDecimal> wantedAmounts = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (everything) {
            for (Creditable c : creditables) {
                if (credited.getOrDefault(c.key(), Money.zero(currency)).compareTo(c.charged()) < 0) {
                    wantedKeys.add(c.key());
                    wantedAmounts.add(null);
                }
            }
            if (wantedKeys.isEmpty()) {
                throw ProblemException.conflict("invoice-fully-credited", "Invoice " + invoice.number + " is fully credited");
            }
        } else {
            for (int i = 0; i < request.lines().size(); i++) {
                CreditNoteRequest.Line want = request.lines().get(i);
                String field = "lines[" + i + "]";
                if (want.namesDebitNoteLine() == (want.invoiceLineNumber() != null)
                        || want.namesDebitNoteLine() && (want.debitNoteNumber() == null || want.debitNoteLineNumber() == null)) {
                    errors.add(new Problem.FieldError(field, "Name either an invoiceLineNumber, or a debitNoteNumber"
                            + " with its debitNoteLineNumber"));
                    wantedKeys.add(null);
                } else if (want.namesDebitNoteLine()) {
                    String key = want.debitNoteNumber() + ":" + want.debitNoteLineNumber();
                    if (!byKey.containsKey(key)) {
                        errors.add(new Problem.FieldError(field + ".debitNoteLineNumber", "Invoice " + invoice.number
                                + " has no debit note " + want.debitNoteNumber() + " with line " + want.debitNoteLineNumber()));
                        key = null;
                    }
                    wantedKeys.add(key);
                } else {
                    String key = "invoice:" + want.invoiceLineNumber();
                    if (!byKey.containsKey(key)) {
                        errors.add(new Problem.FieldError(field + ".invoiceLineNumber",
                                "Invoice " + invoice.number + " has no line " + want.invoiceLineNumber()));
                        key = null;
                    }
                    wantedKeys.add(key);
                }
                wantedAmounts.add(want.amount());
            }
        }

        int minorUnits = Currency.getInstance(currency).getDefaultFractionDigits();
        List<AdjustmentNoteLine> lines = new ArrayList<>();
        for (int i = 0; i < wantedKeys.size(); i++) {
            String key = wantedKeys.get(i);
            if (key == null) {
                continue;
            }
            String field = "lines[" + i + "]";
            Creditable target = byKey.get(key);
            BigDecimal wanted = wantedAmounts.get(i);
            Money remaining = target.charged().minus(credited.getOrDefault(key, Money.zero(currency)));
            if (wanted != null && !validAmount(wanted, minorUnits)) {
                errors.add(new Problem.FieldError(field + ".amount",
                        "A positive amount with at most " + minorUnits + " decimals"));
                continue;
            }
            Money amount = wanted == null ? remaining : new Money(wanted, currency);
            if (remaining.isZero() || remaining.isNegative() || amount.compareTo(remaining) > 0) {
                errors.add(new Problem.FieldError(field + ".amount", target.label() + " has "
                        + remaining + " left to credit of " + target.charged()));
                continue;
            }
            credited.merge(key, amount, Money::plus);
            AdjustmentNoteLine line = new AdjustmentNoteLine(lines.size() + 1, target.invoiceLineNumber(),
                    target.shipmentId(), target.code(), target.description(), amount.rounded());
            lines.add(line);
            AdjustmentNoteLineRecord record = new AdjustmentNoteLineRecord();
            record.creditedNoteLineId = target.debitLineId();
            creditRecords.add(record);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-credit-note", "The credit note cannot be issued", errors);
        }
        return lines;
    }

    /**
     * @param lineTargets for a credit note, one per line: what it reverses beyond the invoice line number (the
     *                    debit-note line); null for a debit note
     */
    private Uni<AdjustmentNote> post(InvoiceRecord invoice, NoteKind kind, String reason, List<AdjustmentNoteLine> lines,
                                     List<AdjustmentNoteLineRecord> lineTargets, UUID disputeId, EventContext context) {
        Instant issuedAt = clock.instant();
        return numbers.nextNoteNumber(kind, issuedAt).chain(number -> {
            UUID noteId = UUID.randomUUID();
            AdjustmentNote note = new AdjustmentNote(noteId.toString(), kind, number, invoice.id.toString(),
                    invoice.number, invoice.customerId, reason, issuedAt, lines,
                    Totals.sum(lines.stream().map(AdjustmentNoteLine::amount).toList(), invoice.currency));
            AdjustmentNoteRecord record = new AdjustmentNoteRecord();
            record.id = noteId;
            record.kind = kind;
            record.number = number;
            record.invoiceId = invoice.id;
            record.customerId = invoice.customerId;
            record.reason = reason;
            record.currency = invoice.currency;
            record.totalAmount = note.total().amount();
            record.issuedAt = issuedAt;
            record.disputeId = disputeId;
            List<AdjustmentNoteLineRecord> lineRecords = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                AdjustmentNoteLineRecord line = AdjustmentNoteLineRecord.of(noteId, lines.get(i));
                line.creditedNoteLineId = lineTargets == null ? null : lineTargets.get(i).creditedNoteLineId;
                lineRecords.add(line);
            }
            return record.persistAndFlush()
                    .chain(() -> AdjustmentNoteLineRecord.persist(lineRecords))
                    .chain(() -> publisher.noteIssued(note, invoice.orderId, context))
                    .replaceWith(note);
        });
    }
}
