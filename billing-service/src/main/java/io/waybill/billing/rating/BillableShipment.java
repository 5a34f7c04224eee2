package io.waybill.billing.rating;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A shipment as billing sees it: the carrier's quote, the state of the customer's charge, the proof of delivery and
 * the invoice that billed it. Shipment events may arrive in any order and any number of times; each only fills in
 * what it knows, and the optimistic version keeps two streams from overwriting each other.
 */
@Entity
@Table(name = "billable_shipment")
public class BillableShipment extends PanacheEntityBase {

    @Id
    @Column(name = "shipment_id")
    public String shipmentId;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "carrier_id")
    public String carrierId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "service_level")
    public String serviceLevel;

    @Column(name = "quoted_amount")
    public BigDecimal quotedAmount;

    @Column(name = "quoted_currency")
    public String quotedCurrency;

    @Column(name = "booked_at")
    public Instant bookedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "charge_status")
    public ChargeStatus chargeStatus;

    @Column(name = "rating_note")
    public String ratingNote;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "proof_of_delivery_ref")
    public String proofOfDeliveryRef;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "invoice_id")
    public UUID invoiceId;

    /** For a return shipment, the outbound shipment whose goods it brings back; null for an outbound shipment. */
    @Column(name = "return_of_shipment_id")
    public String returnOfShipmentId;

    @Column(name = "return_id")
    public String returnId;

    @Version
    public int version;

    public static Uni<BillableShipment> findOrCreate(String shipmentId, String orderId, String customerId) {
        return BillableShipment.<BillableShipment>findById(shipmentId).map(existing -> {
            if (existing != null) {
                return existing;
            }
            BillableShipment created = new BillableShipment();
            created.shipmentId = shipmentId;
            created.orderId = orderId;
            created.customerId = customerId;
            created.chargeStatus = ChargeStatus.AWAITING_BOOKING;
            return created;
        });
    }

    /** The order's outbound shipments: its returns are never invoiced to the customer, so never wait for them. */
    public static Uni<List<BillableShipment>> ofOrder(String orderId) {
        return list("orderId = ?1 and returnOfShipmentId is null order by shipmentId", orderId);
    }

    public boolean isBooked() {
        return bookedAt != null;
    }

    public boolean isDelivered() {
        return deliveredAt != null;
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    public boolean isReturn() {
        return returnOfShipmentId != null;
    }

    public boolean isInvoiced() {
        return invoiceId != null;
    }

    public Money quote() {
        return quotedAmount == null ? null : new Money(quotedAmount, quotedCurrency).rounded();
    }
}
