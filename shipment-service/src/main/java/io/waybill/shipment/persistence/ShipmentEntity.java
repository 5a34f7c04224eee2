package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.waybill.model.Money;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.model.shipment.Milestone;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A shipment: one carrier label with its tracking number, moving through canonical milestones. {@code status} is
 * derived from the whole tracking history by the state machine, never simply the last event received.
 */
@Entity
@Table(name = "shipment")
public class ShipmentEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Enumerated(EnumType.STRING)
    public ShipmentKind kind;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "warehouse_id")
    public String warehouseId;
    @Column(name = "booking_request_id")
    public String bookingRequestId;
    @Column(name = "return_id")
    public String returnId;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "carrier_id")
    public String carrierId;
    @Column(name = "service_code")
    public String serviceCode;
    @Column(name = "service_level")
    public String serviceLevel;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "carrier_shipment_ref")
    public String carrierShipmentRef;
    @Column(name = "quoted_amount")
    public BigDecimal quotedAmount;
    @Column(name = "quoted_currency")
    public String quotedCurrency;
    @Column(name = "promised_delivery_date")
    public LocalDate promisedDeliveryDate;
    @Enumerated(EnumType.STRING)
    @Column(name = "label_format")
    public LabelFormat labelFormat;
    /** Consignee address (JSON of {@code Address}). */
    @Column(name = "ship_to")
    public String shipTo;
    /** Parcels (JSON array of {@code Parcel}). */
    public String parcels;
    @Enumerated(EnumType.STRING)
    public Milestone status;
    @Column(name = "status_occurred_at")
    public Instant statusOccurredAt;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    public String signer;
    @Column(name = "photo_ref")
    public String photoRef;
    @Column(name = "signature_ref")
    public String signatureRef;
    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;
    /** The carrier accepted the void but settles it later (EasyPost: refund submitted); polled until it does. */
    @Column(name = "void_submitted_at")
    public Instant voidSubmittedAt;
    @Column(name = "void_checked_at")
    public Instant voidCheckedAt;
    @Column(name = "cancel_reason")
    public String cancelReason;
    /** Why the watchdog flagged it (no tracking number, carrier silent); null when all is well. */
    public String attention;
    @Column(name = "booked_at")
    public Instant bookedAt;
    @Version
    public long version;

    public Money quotedCost() {
        return quotedAmount == null ? null : Money.of(quotedAmount, quotedCurrency);
    }

    public static Uni<ShipmentEntity> findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static Uni<ShipmentEntity> findByTrackingNumber(String carrierId, String trackingNumber) {
        return find("carrierId = ?1 and trackingNumber = ?2", carrierId, trackingNumber)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
