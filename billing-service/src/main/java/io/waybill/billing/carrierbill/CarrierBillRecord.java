package io.waybill.billing.carrierbill;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A carrier's invoice to Waybill, as received. (carrier, invoice number) is unique: a bill is taken in once. */
@Entity
@Table(name = "carrier_bill")
public class CarrierBillRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "carrier_id")
    public String carrierId;

    @Column(name = "carrier_invoice_number")
    public String carrierInvoiceNumber;

    @Column(name = "invoice_date")
    public LocalDate invoiceDate;

    public String currency;

    @Column(name = "total_amount")
    public BigDecimal totalAmount;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** API or CSV. */
    @Column(name = "received_via")
    public String receivedVia;

    public Money total() {
        return new Money(totalAmount, currency).rounded();
    }
}
