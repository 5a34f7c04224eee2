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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adjustments of posted invoices, which are never edited: a credit note reverses (part of) invoice lines, a debit
 * note adds a charge that came to light after the invoice, such as a carrier re-weigh an operator accepted.
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

    /**
     * Credits what the request names, never more than an invoice line still holds after earlier credit notes, so
     * that the credits of a line can never exceed what was invoiced for it.
     */
    @WithTransaction
    public Uni<AdjustmentNote> credit(UUID invoiceId, CreditNoteRequest request, EventContext context) {
        return InvoiceRecord.<InvoiceRecord>findById(invoiceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("invoice", "No invoice " + invoiceId))
                .chain(invoice -> InvoiceLineRecord.ofInvoice(invoiceId)
                        .chain(lines -> creditedSoFar(invoiceId).chain(credited -> {
                            List<AdjustmentNoteLine> noteLines = creditLines(invoice, lines, credited, request);
                            return post(invoice, NoteKind.CREDIT, request.reason(), noteLines, null, context);
                        })));
    }

    /** A debit note passing an accepted carrier charge on to the customer; one per dispute (unique in the database). */
    public Uni<AdjustmentNote> debitForAcceptedDispute(UUID invoiceId, UUID disputeId, String shipmentId,
                                                      ChargeCode code, String description, Money amount,
                                                      String reason, EventContext context) {
        return InvoiceRecord.<InvoiceRecord>findById(invoiceId).chain(invoice -> post(invoice, NoteKind.DEBIT, reason,
                List.of(new AdjustmentNoteLine(1, null, shipmentId, code, description, amount)), disputeId, context));
    }

    private Uni<Map<Integer, Money>> creditedSoFar(UUID invoiceId) {
        return AdjustmentNoteRecord.<AdjustmentNoteRecord>list("invoiceId = ?1 and kind = ?2", invoiceId, NoteKind.CREDIT)
                .chain(notes -> AdjustmentNoteLineRecord.ofNotes(notes.stream().map(n -> n.id).toList())
                        .map(lines -> {
                            Map<Integer, Money> credited = new HashMap<>();
                            String currency = notes.isEmpty() ? null : notes.get(0).currency;
                            for (AdjustmentNoteLineRecord line : lines) {
                                if (line.invoiceLineNumber != null) {
                                    credited.merge(line.invoiceLineNumber, line.toLine(currency).amount(), Money::plus);
                                }
                            }
                            return credited;
                        }));
    }

    private static List<AdjustmentNoteLine> creditLines(InvoiceRecord invoice, List<InvoiceLineRecord> invoiceLines,
                                                        Map<Integer, Money> credited, CreditNoteRequest request) {
        Map<Integer, InvoiceLineRecord> byNumber = new HashMap<>();
        invoiceLines.forEach(line -> byNumber.put(line.lineNumber, line));
        boolean everything = request.lines() == null || request.lines().isEmpty();
        List<CreditNoteRequest.Line> wanted = everything
                ? invoiceLines.stream()
                        .filter(l -> !credited.containsKey(l.lineNumber)
                                || credited.get(l.lineNumber).compareTo(l.toLine(invoice.currency).amount()) < 0)
                        .map(l -> new CreditNoteRequest.Line(l.lineNumber, null)).toList()
                : request.lines();
        if (wanted.isEmpty()) {
            throw ProblemException.conflict("invoice-fully-credited", "Invoice " + invoice.number + " is fully credited");
        }
        int minorUnits = Currency.getInstance(invoice.currency).getDefaultFractionDigits();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<AdjustmentNoteLine> noteLines = new ArrayList<>();
        Map<Integer, Money> creditedHere = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            CreditNoteRequest.Line want = wanted.get(i);
            String field = "lines[" + i + "]";
            InvoiceLineRecord line = byNumber.get(want.invoiceLineNumber());
            if (line == null) {
                errors.add(new Problem.FieldError(field + ".invoiceLineNumber",
                        "Invoice " + invoice.number + " has no line " + want.invoiceLineNumber()));
                continue;
            }
            Money invoiced = line.toLine(invoice.currency).amount();
            Money already = credited.getOrDefault(line.lineNumber, Money.zero(invoice.currency))
                    .plus(creditedHere.getOrDefault(line.lineNumber, Money.zero(invoice.currency)));
            Money remaining = invoiced.minus(already);
            Money amount = want.amount() == null ? remaining : new Money(want.amount(), invoice.currency);
            if (want.amount() != null && (want.amount().signum() <= 0 || want.amount().scale() > minorUnits)) {
                errors.add(new Problem.FieldError(field + ".amount",
                        "A positive amount with at most " + minorUnits + " decimals"));
            } else if (amount.compareTo(remaining) > 0 || remaining.isZero()) {
                errors.add(new Problem.FieldError(field + ".amount", "Line " + line.lineNumber + " has "
                        + remaining + " left to credit of " + invoiced));
            } else {
                creditedHere.merge(line.lineNumber, amount, Money::plus);
                noteLines.add(new AdjustmentNoteLine(noteLines.size() + 1, line.lineNumber, line.shipmentId,
                        line.code, line.description, amount.rounded()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-credit-note", "The credit note cannot be issued", errors);
        }
        return noteLines;
    }

    private Uni<AdjustmentNote> post(InvoiceRecord invoice, NoteKind kind, String reason, List<AdjustmentNoteLine> lines,
                                     UUID disputeId, EventContext context) {
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
            List<AdjustmentNoteLineRecord> lineRecords = lines.stream()
                    .map(l -> AdjustmentNoteLineRecord.of(noteId, l)).toList();
            return record.persistAndFlush()
                    .chain(() -> AdjustmentNoteLineRecord.persist(lineRecords))
                    .chain(() -> publisher.noteIssued(note, invoice.orderId, context))
                    .replaceWith(note);
        });
    }
}
