package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNoteLine;
import io.waybill.model.billing.ChargeCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** One line of a credit or debit note (immutable); amounts are positive. */
@Entity
@Table(name = "adjustment_note_line")
public class AdjustmentNoteLineRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "note_id")
    public UUID noteId;

    @Column(name = "line_number")
    public int lineNumber;

    @Column(name = "invoice_line_number")
    public Integer invoiceLineNumber;

    @Column(name = "shipment_id")
    public String shipmentId;

    @Enumerated(EnumType.STRING)
    public ChargeCode code;

    public String description;

    public BigDecimal amount;

    /** On a credit note: the debit-note line it reverses (then {@code invoiceLineNumber} is null). */
    @Column(name = "credited_note_line_id")
    public UUID creditedNoteLineId;

    static AdjustmentNoteLineRecord of(UUID noteId, AdjustmentNoteLine line) {
        AdjustmentNoteLineRecord record = new AdjustmentNoteLineRecord();
        record.id = UUID.randomUUID();
        record.noteId = noteId;
        record.lineNumber = line.lineNumber();
        record.invoiceLineNumber = line.invoiceLineNumber();
        record.shipmentId = line.shipmentId();
        record.code = line.code();
        record.description = line.description();
        record.amount = line.amount().amount();
        return record;
    }

    public static Uni<List<AdjustmentNoteLineRecord>> ofNotes(Collection<UUID> noteIds) {
        return noteIds.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().item(List.of())
                : list("noteId in ?1 order by noteId, lineNumber", noteIds);
    }

    public AdjustmentNoteLine toLine(String currency) {
        return new AdjustmentNoteLine(lineNumber, invoiceLineNumber, shipmentId, code, description,
                new Money(amount, currency).rounded());
    }
}
