package io.waybill.odoo.outbound;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.model.order.OrderLine;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the connector knows of the shipments of each Odoo order (tables {@code accepted_order_lines} and
 * {@code order_shipment}): the order's lines as accepted, and per shipment the warehouse it leaves from, its tracking
 * number and the lines its release ships. An order split across warehouses ships as several shipments while Odoo
 * holds one delivery for the order; from this the writes tell a part of a split order from an order shipped whole.
 * <p>
 * The {@code remember*} methods run in the caller's session and transaction (the inbox's); the others open their
 * own, for the write queue's operations.
 */
@ApplicationScoped
public class ShipmentParts {

    private static final TypeReference<List<WriteRequests.ShippedLine>> LINES = new TypeReference<>() {
    };

    /** What a delivered shipment should validate in Odoo. */
    public sealed interface Scope {
    }

    /** The shipment carried the whole order: validate everything reserved (the behaviour for an order shipped whole). */
    public record Whole() implements Scope {
    }

    /** The shipment carried one part of a split order: validate these lines only, Odoo keeps the rest as a backorder. */
    public record Part(List<WriteRequests.ShippedLine> lines) implements Scope {
    }

    /** Cannot tell (see {@code why}): validate everything reserved, as before split shipments existed. */
    public record Unknown(String why) implements Scope {
    }

    /** The tracking numbers an Odoo order's delivery should show: one per warehouse, and those they replaced. */
    public record Tracking(List<String> current, List<String> superseded) {
        /** More than one warehouse ships the order: their numbers stand side by side. */
        public boolean split() {
            return current.size() > 1;
        }
    }

    /** The order's lines as order-service accepted it, the whole each release is compared with. */
    public Uni<Void> rememberOrderLines(String orderId, List<OrderLine> lines) {
        if (lines == null || lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO accepted_order_lines (order_id, lines) VALUES (:orderId, :lines)
                        ON CONFLICT (order_id) DO NOTHING""")
                .setParameter("orderId", orderId)
                .setParameter("lines", EventJson.write(shipped(lines)))
                .executeUpdate()).replaceWithVoid();
    }

    /** shipment.booked: where the shipment leaves from and its tracking number. */
    public Uni<Void> rememberBooking(String shipmentId, String orderId, String warehouseId, String trackingNumber) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO order_shipment (shipment_id, order_id, warehouse_id, tracking_number, booked_at)
                        VALUES (:shipmentId, :orderId, :warehouseId, :tracking, now())
                        ON CONFLICT (shipment_id) DO UPDATE SET
                            warehouse_id = coalesce(order_shipment.warehouse_id, EXCLUDED.warehouse_id),
                            tracking_number = EXCLUDED.tracking_number,
                            booked_at = coalesce(order_shipment.booked_at, EXCLUDED.booked_at)""")
                .setParameter("shipmentId", shipmentId)
                .setParameter("orderId", orderId)
                .setParameter("warehouseId", warehouseId)
                .setParameter("tracking", trackingNumber)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * order.released-to-warehouse: what the shipment ships, and whether that is the whole order (its lines as
     * accepted, per SKU) or one part of it. Unknown (NULL) when the release names no lines or the order's lines were
     * not recorded here (accepted before the connector kept them).
     */
    public Uni<Void> rememberRelease(String shipmentId, String orderId, String warehouseId, String trackingNumber,
                                     List<OrderLine> lines) {
        List<WriteRequests.ShippedLine> shipped = lines == null ? null : shipped(lines);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "SELECT lines FROM accepted_order_lines WHERE order_id = :orderId", String.class)
                        .setParameter("orderId", orderId)
                        .getResultList()
                        .chain(accepted -> {
                            Boolean whole = shipped == null || accepted.isEmpty() ? null
                                    : bySku(shipped).equals(bySku(read(accepted.get(0))));
                            return session.createNativeQuery("""
                                            INSERT INTO order_shipment (shipment_id, order_id, warehouse_id, tracking_number,
                                                                        lines, whole_order, released_at)
                                            VALUES (:shipmentId, :orderId, :warehouseId, :tracking, :lines, :whole, now())
                                            ON CONFLICT (shipment_id) DO UPDATE SET
                                                warehouse_id = coalesce(EXCLUDED.warehouse_id, order_shipment.warehouse_id),
                                                tracking_number = coalesce(order_shipment.tracking_number, EXCLUDED.tracking_number),
                                                lines = EXCLUDED.lines, whole_order = EXCLUDED.whole_order,
                                                released_at = coalesce(order_shipment.released_at, EXCLUDED.released_at)""")
                                    .setParameter("shipmentId", shipmentId)
                                    .setParameter("orderId", orderId)
                                    .setParameter("warehouseId", warehouseId)
                                    .setParameter("tracking", trackingNumber)
                                    .setParameter("lines", shipped == null ? null : EventJson.write(shipped))
                                    .setParameter("whole", whole)
                                    .executeUpdate();
                        })).replaceWithVoid();
    }

    /**
     * What a delivered shipment should validate (runs in the caller's session). A part when its release said it
     * ships less than the order, or when another warehouse's release of the same order is known; the whole order
     * when its release ships all of it.
     */
    public Uni<Scope> scopeOf(String shipmentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                SELECT s.lines, s.whole_order,
                                       (SELECT count(DISTINCT o.warehouse_id) FROM order_shipment o
                                        WHERE o.order_id = s.order_id AND o.released_at IS NOT NULL) AS warehouses
                                FROM order_shipment s WHERE s.shipment_id = :shipmentId AND s.released_at IS NOT NULL""",
                        Object[].class)
                .setParameter("shipmentId", shipmentId)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return new Unknown("its release to the warehouse was not seen here (released before the "
                                + "connector recorded releases, or the delivery overtook the release)");
                    }
                    Object[] row = rows.get(0);
                    String lines = (String) row[0];
                    Boolean whole = (Boolean) row[1];
                    long warehouses = ((Number) row[2]).longValue();
                    if (lines == null) {
                        return new Unknown("its release did not say which lines it ships");
                    }
                    if (Boolean.FALSE.equals(whole) || warehouses > 1) {
                        return new Part(read(lines));
                    }
                    if (Boolean.TRUE.equals(whole)) {
                        return new Whole();
                    }
                    return new Unknown("the order's lines were not recorded here when it was accepted, so whether "
                            + "this release ships all of it cannot be told");
                }));
    }

    /**
     * The tracking numbers the delivery of this shipment's order should show: the latest booked per warehouse, in
     * booking order, and the numbers of shipments booked again for the same warehouse (superseded).
     */
    public Uni<Tracking> trackingOf(String shipmentId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                SELECT o.warehouse_id, o.tracking_number FROM order_shipment o
                                WHERE o.order_id = (SELECT order_id FROM order_shipment WHERE shipment_id = :shipmentId)
                                  AND o.tracking_number IS NOT NULL AND o.booked_at IS NOT NULL
                                ORDER BY o.booked_at, o.shipment_id""", Object[].class)
                .setParameter("shipmentId", shipmentId)
                .getResultList()))
                .map(rows -> {
                    Map<String, String> latest = new LinkedHashMap<>();
                    List<String> all = new ArrayList<>();
                    for (Object[] row : rows) {
                        String warehouse = row[0] == null ? "?" : (String) row[0];
                        latest.remove(warehouse); // a later booking for the warehouse takes its place in the order
                        latest.put(warehouse, (String) row[1]);
                        all.add((String) row[1]);
                    }
                    List<String> current = List.copyOf(new java.util.LinkedHashSet<>(latest.values()));
                    List<String> superseded = all.stream().filter(n -> !current.contains(n)).distinct().toList();
                    return new Tracking(current, superseded);
                });
    }

    /** The delivery picking this shipment's part was (being) validated on. */
    public Uni<Optional<Long>> validatedPicking(String shipmentId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT validated_picking FROM order_shipment WHERE shipment_id = :shipmentId", Long.class)
                .setParameter("shipmentId", shipmentId)
                .getResultList()))
                .map(rows -> rows.isEmpty() || rows.get(0) == null ? Optional.<Long>empty()
                        : Optional.of(rows.get(0)));
    }

    /** Records, before validating, which picking this shipment's part is validated on. */
    public Uni<Void> validatingOn(String shipmentId, long pickingId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "UPDATE order_shipment SET validated_picking = :picking WHERE shipment_id = :shipmentId")
                .setParameter("picking", pickingId)
                .setParameter("shipmentId", shipmentId)
                .executeUpdate())).replaceWithVoid();
    }

    private static List<WriteRequests.ShippedLine> shipped(List<OrderLine> lines) {
        return lines.stream().map(line -> new WriteRequests.ShippedLine(line.sku(), line.quantity().value())).toList();
    }

    private static Map<String, BigDecimal> bySku(List<WriteRequests.ShippedLine> lines) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (WriteRequests.ShippedLine line : lines) {
            totals.merge(line.sku(), line.quantity(), BigDecimal::add);
        }
        totals.replaceAll((sku, quantity) -> quantity.stripTrailingZeros());
        return totals;
    }

    private static List<WriteRequests.ShippedLine> read(String json) {
        try {
            return Objects.requireNonNull(EventJson.mapper().readValue(json, LINES));
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable shipped lines: " + json, e);
        }
    }
}
