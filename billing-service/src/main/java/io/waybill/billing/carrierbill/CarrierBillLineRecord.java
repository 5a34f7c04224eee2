package io.waybill.billing.carrierbill;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** One line of a carrier bill with the freight audit's verdict on it. */
@Entity
@Table(name = "carrier_bill_line")
public class CarrierBillLineRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "bill_id")
    public UUID billId;

    @Column(name = "line_number")
    public int lineNumber;

    @Column(name = "tracking_number")
    public String trackingNumber;

    /**
     * The shipment the audit matched the line to; null while no shipment of the bill's carrier carries the tracking
     * number (set when billing learns it later).
     */
    @Column(name = "shipment_id")
    public String shipmentId;

    @Enumerated(EnumType.STRING)
    public ChargeCode code;

    public String description;

    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(name = "audit_status")
    public AuditStatus auditStatus;

    public static Uni<List<CarrierBillLineRecord>> ofBill(UUID billId) {
        return list("billId = ?1 order by lineNumber", billId);
    }

    /** Lines billed earlier for these shipments that still stand (not rejected): what a new line is checked against. */
    public static Uni<List<CarrierBillLineRecord>> standingFor(Collection<String> shipmentIds) {
        return shipmentIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("shipmentId in ?1 and auditStatus <> ?2", shipmentIds, AuditStatus.REJECTED);
    }

    /** Lines of this shipment held until its quote is known. */
    public static Uni<List<CarrierBillLineRecord>> awaitingQuote(String shipmentId) {
        return list("shipmentId = ?1 and auditStatus = ?2", shipmentId, AuditStatus.AWAITING_QUOTE);
    }

    /**
     * This carrier's lines for a tracking number that no shipment was matched to: waiting for it, or disputed as
     * unknown (and possibly decided by an operator since: the caller looks at the dispute).
     */
    public static Uni<List<CarrierBillLineRecord>> unmatched(String carrierId, String trackingNumber) {
        return list("trackingNumber = ?1 and shipmentId is null and auditStatus in ?2"
                        + " and billId in (select b.id from CarrierBillRecord b where b.carrierId = ?3)",
                trackingNumber, List.of(AuditStatus.AWAITING_SHIPMENT, AuditStatus.DISPUTED), carrierId);
    }

    /** This carrier's lines for a tracking number still waiting for their shipment, of bills received before then. */
    public static Uni<List<CarrierBillLineRecord>> awaitingShipment(String carrierId, String trackingNumber,
                                                                    Instant receivedBefore) {
        return list("trackingNumber = ?1 and shipmentId is null and auditStatus = ?2 and billId in"
                        + " (select b.id from CarrierBillRecord b where b.carrierId = ?3 and b.receivedAt <= ?4)",
                trackingNumber, AuditStatus.AWAITING_SHIPMENT, carrierId, receivedBefore);
    }

    public Money money(String currency) {
        return new Money(amount, currency).rounded();
    }
}
