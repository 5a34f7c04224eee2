package io.waybill.inventory.reconciliation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "reconciliation_run")
public class ReconciliationRunEntity extends PanacheEntityBase {

    @Id
    @Column(name = "reconciliation_id")
    public UUID reconciliationId;

    @Column(name = "warehouse_id")
    public String warehouseId;

    /** Who sent the snapshot: the API caller or the snapshot file. */
    public String source;

    @Column(name = "snapshot_taken_at")
    public OffsetDateTime snapshotTakenAt;

    @Column(name = "reconciled_at")
    public OffsetDateTime reconciledAt;

    @Column(name = "positions_compared")
    public int positionsCompared;
}
