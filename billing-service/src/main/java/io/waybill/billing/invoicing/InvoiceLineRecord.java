package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.InvoiceLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** One line of a posted invoice (immutable). */
@Entity
@Table(name = "invoice_line")
public class InvoiceLineRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Column(name = "line_number")
    public int lineNumber;

    @Column(name = "shipment_id")
    public String shipmentId;

    @Enumerated(EnumType.STRING)
    public ChargeCode code;

    public String description;

    public BigDecimal amount;

    static InvoiceLineRecord of(UUID invoiceId, InvoiceLine line) {
        InvoiceLineRecord record = new InvoiceLineRecord();
        record.id = UUID.randomUUID();
        record.invoiceId = invoiceId;
        record.lineNumber = line.lineNumber();
        record.shipmentId = line.shipmentId();
        record.code = line.code();
        record.description = line.description();
        record.amount = line.amount().amount();
        return record;
    }

    public static Uni<List<InvoiceLineRecord>> ofInvoice(UUID invoiceId) {
        return list("invoiceId = ?1 order by lineNumber", invoiceId);
    }

    public InvoiceLine toLine(String currency) {
        return new InvoiceLine(lineNumber, shipmentId, code, description, new Money(amount, currency).rounded());
    }
}
