package io.waybill.inventory.availability;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.inventory.stock.Quantities;
import io.waybill.model.UnitOfMeasure;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Availability for checkouts: one prepared statement and one round trip however many SKUs are asked, served by
 * the (sku, warehouse_id, lot) unique index, straight on the reactive pool without an ORM session, so it stays
 * cheap enough to call on every checkout.
 */
@ApplicationScoped
public class Availability {

    private static final String QUERY = """
            SELECT i.sku, i.unit, p.warehouse_id,
                   sum(p.on_hand) AS on_hand, sum(p.reserved) AS reserved,
                   sum(greatest(p.on_hand - p.reserved, 0)) AS available
            FROM stock_item i
            LEFT JOIN stock_position p
                   ON p.sku = i.sku AND (cardinality($2::text[]) = 0 OR p.warehouse_id = ANY($2::text[]))
            WHERE i.sku = ANY($1::text[])
            GROUP BY i.sku, i.unit, p.warehouse_id
            ORDER BY i.sku, p.warehouse_id""";

    private final Pool pool;

    public Availability(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<SkuAvailability>> of(List<String> skus, List<String> warehouseIds) {
        return pool.preparedQuery(QUERY)
                .execute(Tuple.of(skus.toArray(String[]::new), warehouseIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Builder> bySku = new LinkedHashMap<>();
                    for (Row row : rows) {
                        Builder sku = bySku.computeIfAbsent(row.getString("sku"),
                                s -> new Builder(s, UnitOfMeasure.valueOf(row.getString("unit"))));
                        if (row.getString("warehouse_id") != null) {
                            sku.add(new SkuAvailability.InWarehouse(row.getString("warehouse_id"),
                                    Quantities.normalized(row.getBigDecimal("on_hand")),
                                    Quantities.normalized(row.getBigDecimal("reserved")),
                                    Quantities.normalized(row.getBigDecimal("available"))));
                        }
                    }
                    List<String> unknown = skus.stream().filter(s -> !bySku.containsKey(s)).distinct().toList();
                    if (!unknown.isEmpty()) {
                        throw ProblemException.invalidField("unknown-sku", "sku",
                                "Not stocked by Waybill inventory: " + String.join(", ", unknown));
                    }
                    return bySku.values().stream().map(Builder::build).toList();
                });
    }

    private static final class Builder {
        private final String sku;
        private final UnitOfMeasure unit;
        private final List<SkuAvailability.InWarehouse> warehouses = new ArrayList<>();
        private BigDecimal total = BigDecimal.ZERO;

        Builder(String sku, UnitOfMeasure unit) {
            this.sku = sku;
            this.unit = unit;
        }

        void add(SkuAvailability.InWarehouse warehouse) {
            warehouses.add(warehouse);
            total = total.add(warehouse.available());
        }

        SkuAvailability build() {
            return new SkuAvailability(sku, unit, Quantities.normalized(total), List.copyOf(warehouses));
        }
    }
}
