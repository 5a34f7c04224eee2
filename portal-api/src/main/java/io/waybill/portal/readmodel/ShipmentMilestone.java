package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One step of a shipment's tracking timeline. Only the canonical milestone, its carrier time and location are
 * kept: the carrier's raw status and free-text description may carry internal exception notes.
 */
@Entity
@Table(name = "portal_shipment_milestone")
public class ShipmentMilestone extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "shipment_id")
    public String shipmentId;
    public String milestone;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String location;
}
