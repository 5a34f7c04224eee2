package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import io.waybill.model.billing.NoteKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A posted credit or debit note against an invoice (immutable). */
@Entity
@Table(name = "adjustment_note")
public class AdjustmentNoteRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public NoteKind kind;

    public String number;

    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Column(name = "customer_id")
    public String customerId;

    public String reason;

    public String currency;

    @Column(name = "total_amount")
    public BigDecimal totalAmount;

    @Column(name = "issued_at")
    public Instant issuedAt;

    /** The accepted freight dispute this debit note passes on, if any (unique: passed on once). */
    @Column(name = "dispute_id")
    public UUID disputeId;

    public static Uni<List<AdjustmentNoteRecord>> ofInvoice(UUID invoiceId) {
        return list("invoiceId = ?1 order by issuedAt, number", invoiceId);
    }

    public Money total() {
        return new Money(totalAmount, currency).rounded();
    }
}
