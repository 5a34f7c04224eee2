package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A shipment as the portal knows it from shipment-service's events: where it is, and its proof of delivery. */
@Entity
@Table(name = "portal_shipment")
public class PortalShipment extends PanacheEntityBase {

    @Id
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "tracking_number")
    public String trackingNumber;
    /** The latest canonical milestone (PRE_TRANSIT ... DELIVERED, EXCEPTION), by carrier time. */
    public String milestone;
    @Column(name = "milestone_at")
    public Instant milestoneAt;
    @Column(name = "promised_delivery_date")
    public String promisedDeliveryDate;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "signed_by")
    public String signedBy;
    /** The carrier's references: internal (they name the carrier and its storage), never shown as such. */
    @Column(name = "proof_of_delivery_ref")
    public String proofOfDeliveryRef;
    @Column(name = "pod_photo_ref")
    public String podPhotoRef;
    @Column(name = "pod_signature_ref")
    public String podSignatureRef;
    @Column(name = "as_of")
    public Instant asOf;
}
