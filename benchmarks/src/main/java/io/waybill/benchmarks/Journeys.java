package io.waybill.benchmarks;

import io.waybill.events.EventStream;
import io.waybill.localstack.Suite;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the benchmark's orders are, read from the services' own databases (read only): order-service's status
 * history says when each order was received, booked and delivered; billing-service's invoices say when it was
 * invoiced. order-service keeps an invoiced order at DELIVERED; the invoice is billing-service's.
 */
final class Journeys implements AutoCloseable {

    /** One order's way through the suite; a step not reached is null. */
    record Journey(String orderId, String reference, String status, Instant received, Instant booked,
                   Instant delivered, Instant invoiced) {
    }

    private final Connection orders;
    private final Connection billing;
    private final String referencePattern;

    Journeys(Suite suite, String referencePrefix) throws SQLException {
        this.orders = suite.database("order-service");
        this.billing = suite.database("billing-service");
        this.referencePattern = referencePrefix.replace("_", "\\_").replace("%", "\\%") + "%";
    }

    /** How many of the run's orders are at each status in order-service now. */
    Map<String, Long> statusCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement query = orders.prepareStatement(
                "SELECT status, count(*) FROM customer_order WHERE source_reference LIKE ? GROUP BY status")) {
            query.setString(1, referencePattern);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** How many of these orders have an invoice. */
    long invoiced(Collection<String> orderIds) throws SQLException {
        try (PreparedStatement query = billing.prepareStatement(
                "SELECT count(DISTINCT order_id) FROM invoice WHERE order_id = ANY (?)")) {
            query.setArray(1, billing.createArrayOf("varchar", orderIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every order of the run, with the moments it reached each step. */
    List<Journey> all() throws SQLException {
        Map<String, Journey> byOrder = new HashMap<>();
        try (PreparedStatement query = orders.prepareStatement("""
                SELECT o.order_id, o.source_reference, o.status,
                       min(h.changed_at) FILTER (WHERE h.status = 'RECEIVED'),
                       min(h.changed_at) FILTER (WHERE h.status = 'BOOKED'),
                       min(h.changed_at) FILTER (WHERE h.status = 'DELIVERED')
                  FROM customer_order o JOIN order_status_history h ON h.order_id = o.order_id
                 WHERE o.source_reference LIKE ?
                 GROUP BY o.order_id, o.source_reference, o.status""")) {
            query.setString(1, referencePattern);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    byOrder.put(rs.getString(1), new Journey(rs.getString(1), rs.getString(2), rs.getString(3),
                            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), null));
                }
            }
        }
        try (PreparedStatement query = billing.prepareStatement(
                "SELECT order_id, min(issued_at) FROM invoice WHERE order_id = ANY (?) GROUP BY order_id")) {
            Array ids = billing.createArrayOf("varchar", byOrder.keySet().toArray());
            query.setArray(1, ids);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Journey j = byOrder.get(rs.getString(1));
                    if (j != null) {
                        byOrder.put(j.orderId(), new Journey(j.orderId(), j.reference(), j.status(), j.received(),
                                j.booked(), j.delivered(), instant(rs.getTimestamp(2))));
                    }
                }
            }
        }
        return new ArrayList<>(byOrder.values());
    }

    /**
     * Events the services appended to their outboxes between two moments, by stream, and the deliveries they made
     * (each event goes to every consuming service's queue on its stream).
     */
    static Map<String, long[]> eventsPublished(Suite suite, Instant from, Instant to) throws SQLException {
        Map<String, long[]> byStream = new TreeMap<>();
        for (String service : Suite.SERVICES) {
            try (Connection db = suite.database(service); PreparedStatement query = db.prepareStatement(
                    "SELECT stream, count(*) FROM outbox_message WHERE created_at >= ? AND created_at < ? GROUP BY stream")) {
                query.setTimestamp(1, Timestamp.from(from));
                query.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String stream = rs.getString(1);
                        long events = rs.getLong(2);
                        long consumers = consumersOf(stream);
                        long[] sums = byStream.computeIfAbsent(stream, s -> new long[2]);
                        sums[0] += events;
                        sums[1] += events * consumers;
                    }
                }
            } catch (SQLException noOutbox) {
                // A service without an outbox table publishes nothing.
            }
        }
        return byStream;
    }

    /** Carrier webhooks that arrived before their shipment was known (retried later), and all of them. */
    static long[] webhooksThatOvertookTheirBooking(Suite suite, Instant from) throws SQLException {
        try (Connection db = suite.database("shipment-service"); PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FILTER (WHERE attempts > 1), count(*) FROM carrier_webhook WHERE received_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /**
     * Inside shipment-service, where the time goes: booking requests waiting for the booking worker, the worker's
     * carrier calls, and carrier webhooks waiting for the webhook processor (those matched at their first attempt).
     * Nanoseconds, by stage.
     */
    static Map<String, List<Long>> shipmentStages(Suite suite, Instant from) throws SQLException {
        Map<String, List<Long>> stages = new java.util.LinkedHashMap<>();
        try (Connection db = suite.database("shipment-service")) {
            stages.put("booking request waits for the booking worker", delays(db, """
                    SELECT created_at, claimed_at FROM booking_request
                     WHERE created_at >= ? AND claimed_at IS NOT NULL""", from));
            stages.put("booking worker: rate shop and buy the label", delays(db, """
                    SELECT claimed_at, completed_at FROM booking_request
                     WHERE created_at >= ? AND completed_at IS NOT NULL""", from));
            stages.put("carrier webhook waits for the webhook processor", delays(db, """
                    SELECT received_at, processed_at FROM carrier_webhook
                     WHERE received_at >= ? AND status = 'PROCESSED' AND attempts = 1""", from));
        }
        return stages;
    }

    private static List<Long> delays(Connection db, String sql, Instant from) throws SQLException {
        List<Long> nanos = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    nanos.add(java.time.Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant())
                            .toNanos());
                }
            }
        }
        return nanos;
    }

    private static long consumersOf(String stream) {
        for (EventStream s : EventStream.values()) {
            if (s.address().equals(stream) || s.name().equalsIgnoreCase(stream)) {
                return s.consumers().size();
            }
        }
        return 1;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public void close() throws SQLException {
        orders.close();
        billing.close();
    }
}
