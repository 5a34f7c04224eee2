package io.waybill.shipment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.shipment.LabelFormat;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A shipment's label, byte for byte as the carrier issued it, for reprints. */
@Entity
@Table(name = "shipment_label")
public class ShipmentLabelEntity extends PanacheEntityBase {

    @Id
    @Column(name = "shipment_id")
    public String shipmentId;
    @Enumerated(EnumType.STRING)
    public LabelFormat format;
    public byte[] content;
    @Column(name = "stored_at")
    public Instant storedAt;
}
