package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNote;
import io.waybill.model.billing.AdjustmentNoteLine;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.model.billing.NoteKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads posted invoices with their notes. */
@ApplicationScoped
public class InvoiceQueries {

    @WithSession
    public Uni<InvoiceView> invoice(UUID invoiceId) {
        return InvoiceRecord.<InvoiceRecord>findById(invoiceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("invoice", "No invoice " + invoiceId))
                .chain(invoice -> InvoiceLineRecord.ofInvoice(invoiceId)
                        .chain(lines -> AdjustmentNoteRecord.ofInvoice(invoiceId)
                                .chain(notes -> AdjustmentNoteLineRecord.ofNotes(notes.stream().map(n -> n.id).toList())
                                        .map(noteLines -> view(invoice, lines, notes, noteLines)))));
    }

    private static InvoiceView view(InvoiceRecord invoice, List<InvoiceLineRecord> lineRecords,
                                    List<AdjustmentNoteRecord> noteRecords, List<AdjustmentNoteLineRecord> noteLineRecords) {
        List<InvoiceLine> lines = lineRecords.stream().map(l -> l.toLine(invoice.currency)).toList();
        List<AdjustmentNote> notes = new ArrayList<>();
        Money balance = invoice.total();
        for (AdjustmentNoteRecord note : noteRecords) {
            List<AdjustmentNoteLine> noteLines = noteLineRecords.stream().filter(l -> l.noteId.equals(note.id))
                    .map(l -> l.toLine(note.currency)).toList();
            notes.add(new AdjustmentNote(note.id.toString(), note.kind, note.number, invoice.id.toString(),
                    invoice.number, note.customerId, note.reason, note.issuedAt, noteLines, note.total()));
            balance = note.kind == NoteKind.CREDIT ? balance.minus(note.total()) : balance.plus(note.total());
        }
        List<String> shipmentIds = lines.stream().map(InvoiceLine::shipmentId).distinct().toList();
        return new InvoiceView(invoice.id.toString(), invoice.number, invoice.customerId, invoice.orderId, shipmentIds,
                invoice.issuedAt, invoice.dueDate, lines, invoice.total(), notes, balance,
                new InvoiceView.Payment(invoice.paymentState, invoice.due(), invoice.odooNumber,
                        invoice.paymentObservedAt));
    }
}
