package io.waybill.events.odoo;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Data of {@code waybill.odoo.product-synced.v1}: a product as Odoo holds it now.
 *
 * @param sku           the product's internal reference in Odoo ({@code default_code}); products without one are
 *                      not synchronized, since Waybill cannot name them
 * @param weightKg      the unit weight in kilograms, if set in Odoo (carriers rate by it)
 * @param active        false once archived in Odoo
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductSynced(
        String sku,
        long odooProductId,
        String name,
        String barcode,
        BigDecimal weightKg,
        boolean active,
        Instant syncedAt) {

    public ProductSynced {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syncedAt, "syncedAt");
    }
}
