package io.waybill.inventory.warehouse;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.model.inventory.Warehouse;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "warehouse")
public class WarehouseEntity extends PanacheEntityBase {

    @Id
    @Column(name = "warehouse_id")
    public String warehouseId;

    public String name;

    /** The 3PL partner client that operates the warehouse; null for a warehouse Waybill's customer runs itself. */
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "country_code")
    public String countryCode;

    public boolean operatedBy(String partner) {
        return partnerId != null && partnerId.equals(partner);
    }

    public Warehouse toModel() {
        return new Warehouse(warehouseId, name, partnerId, countryCode);
    }
}
