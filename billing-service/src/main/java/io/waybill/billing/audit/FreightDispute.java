package io.waybill.billing.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.DisputeReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A carrier bill line the audit did not approve, waiting in (or resolved from) the operators' review queue. */
@Entity
@Table(name = "freight_dispute")
public class FreightDispute extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "carrier_id")
    public String carrierId;

    @Column(name = "bill_id")
    public UUID billId;

    @Column(name = "bill_line_id")
    public UUID billLineId;

    @Column(name = "shipment_id")
    public String shipmentId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Enumerated(EnumType.STRING)
    public ChargeCode code;

    @Enumerated(EnumType.STRING)
    public DisputeReason reason;

    @Column(name = "billed_amount")
    public BigDecimal billedAmount;

    @Column(name = "expected_amount")
    public BigDecimal expectedAmount;

    public String currency;

    public String detail;

    @Enumerated(EnumType.STRING)
    public DisputeStatus status;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    /** Two operators working the queue at once: the second decision on the same dispute fails instead of both applying. */
    @Version
    public int version;

    public Money billed() {
        return new Money(billedAmount, currency).rounded();
    }

    public Money expected() {
        return expectedAmount == null ? null : new Money(expectedAmount, currency).rounded();
    }
}
