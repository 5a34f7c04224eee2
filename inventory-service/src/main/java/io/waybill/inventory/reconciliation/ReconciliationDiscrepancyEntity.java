package io.waybill.inventory.reconciliation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.UUID;

@Entity
@Table(name = "reconciliation_discrepancy")
public class ReconciliationDiscrepancyEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "reconciliation_id")
    public UUID reconciliationId;

    public String sku;

    public String lot;

    public BigDecimal ledger;

    public BigDecimal partner;

    public BigDecimal correction;

    public String resolution;
}
