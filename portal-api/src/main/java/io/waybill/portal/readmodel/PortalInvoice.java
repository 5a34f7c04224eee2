package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** An invoice or credit note issued to the customer, with the payment state last reported for it. */
@Entity
@Table(name = "portal_invoice")
public class PortalInvoice extends PanacheEntityBase {

    public static final String INVOICE = "INVOICE";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    public static final String DEBIT_NOTE = "DEBIT_NOTE";

    @Id
    @Column(name = "document_id")
    public String documentId;
    @Column(name = "customer_id")
    public String customerId;
    public String kind;
    public String number;
    @Column(name = "order_id")
    public String orderId;
    /** For a credit or debit note: the invoice it adjusts. */
    @Column(name = "corrects_id")
    public String correctsId;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "due_date")
    public String dueDate;
    @Column(name = "total_amount")
    public BigDecimal totalAmount;
    public String currency;
    @Column(name = "amount_due")
    public BigDecimal amountDue;
    @Column(name = "payment_state")
    public String paymentState;
    @Column(name = "as_of")
    public Instant asOf;
}
