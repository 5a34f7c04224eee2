package io.waybill.billing.rating;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.ChargeLine;
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

/** One line of a customer's charge for a shipment, stored with its final (rounded) amount. */
@Entity
@Table(name = "charge_line")
public class ChargeLineRecord extends PanacheEntityBase {

    /** Where a charge line came from. */
    public enum Origin {
        /** Computed from the rate agreement when the shipment was booked. */
        RATED,
        /** A carrier accessorial an operator accepted in the freight audit, passed on before invoicing. */
        ACCEPTED_DISPUTE
    }

    @Id
    public UUID id;

    @Column(name = "shipment_id")
    public String shipmentId;

    @Column(name = "line_number")
    public int lineNumber;

    @Enumerated(EnumType.STRING)
    public ChargeCode code;

    public String description;

    public BigDecimal amount;

    public String currency;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    @Column(name = "dispute_id")
    public UUID disputeId;

    public static ChargeLineRecord of(String shipmentId, int lineNumber, ChargeLine line, Origin origin, UUID disputeId) {
        ChargeLineRecord record = new ChargeLineRecord();
        record.id = UUID.randomUUID();
        record.shipmentId = shipmentId;
        record.lineNumber = lineNumber;
        record.code = line.code();
        record.description = line.description();
        record.amount = line.amount().amount();
        record.currency = line.amount().currency();
        record.origin = origin;
        record.disputeId = disputeId;
        return record;
    }

    public static Uni<List<ChargeLineRecord>> ofShipment(String shipmentId) {
        return list("shipmentId = ?1 order by lineNumber", shipmentId);
    }

    public static Uni<List<ChargeLineRecord>> ofShipments(Collection<String> shipmentIds) {
        return list("shipmentId in ?1 order by shipmentId, lineNumber", shipmentIds);
    }

    public Money money() {
        return new Money(amount, currency).rounded();
    }
}
