package io.waybill.order.reference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A SKU order intake accepts, with what routing and booking need: its product class (routing rules choose
 * warehouses and carriers by it, e.g. HAZMAT or BULKY) and its packed weight and dimensions (parcels to book).
 */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(name = "product_class", nullable = false)
    public String productClass;

    @Column(name = "weight_kg", nullable = false)
    public BigDecimal weightKg;

    @Column(name = "length_cm", nullable = false)
    public BigDecimal lengthCm;

    @Column(name = "width_cm", nullable = false)
    public BigDecimal widthCm;

    @Column(name = "height_cm", nullable = false)
    public BigDecimal heightCm;

    @Column(nullable = false)
    public boolean active;

    /** Who created the product: {@code rest} (Waybill's own data) or {@code odoo} (first seen in an Odoo sync). */
    @Column(nullable = false)
    public String source;

    /** Odoo's barcode (EAN/UPC), as the last sync reported it. */
    public String barcode;

    /** Archived in Odoo: Odoo no longer sells it, so an order from Odoo for it is held. Odoo's flag, not Waybill's. */
    @Column(name = "archived_in_odoo", nullable = false)
    public boolean archivedInOdoo;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
