package io.waybill.billing.invoicing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.Money;
import io.waybill.model.billing.PaymentState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A posted customer invoice. Its figures never change after it is issued (the database refuses it too); only the
 * payment state that Odoo reports is updated.
 */
@Entity
@Table(name = "invoice")
public class InvoiceRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String number;

    /** {@code shipment:<id>} or {@code order:<id>}: unique, so a delivery reported many times bills once. */
    @Column(name = "invoicing_key")
    public String invoicingKey;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "order_id")
    public String orderId;

    public String currency;

    @Column(name = "total_amount")
    public BigDecimal totalAmount;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_state")
    public PaymentState paymentState;

    @Column(name = "amount_due")
    public BigDecimal amountDue;

    @Column(name = "odoo_number")
    public String odooNumber;

    @Column(name = "payment_observed_at")
    public Instant paymentObservedAt;

    @Version
    public int version;

    public Money total() {
        return new Money(totalAmount, currency).rounded();
    }

    public Money due() {
        return amountDue == null ? null : new Money(amountDue, currency).rounded();
    }
}
