package io.waybill.model.product;

import io.waybill.model.Require;
import io.waybill.model.UnitOfMeasure;

import java.util.regex.Pattern;

/**
 * How an order, a reservation or a return names a product: the SKU (Odoo's default code, the key every service
 * shares), a display name, and the unit it is counted in. The product master itself lives in Odoo.
 */
public record ProductReference(String sku, String name, UnitOfMeasure unit) {

    private static final Pattern SKU = Pattern.compile("\\S{1,64}");

    public ProductReference {
        Require.text(sku, "sku");
        if (!SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("sku must be 1 to 64 characters without spaces: '" + sku + "'");
        }
        Require.present(unit, "unit");
    }
}
