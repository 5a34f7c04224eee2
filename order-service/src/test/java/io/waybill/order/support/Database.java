package io.waybill.order.support;

import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import io.waybill.testsupport.WaybillInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what order-service wrote, straight from its PostgreSQL database: published events, orders, history. */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        var postgres = WaybillInfrastructure.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(WaybillInfrastructure.DATABASE),
                io.waybill.infrastructure.postgres.EmbeddedPostgresServer.USER,
                io.waybill.infrastructure.postgres.EmbeddedPostgresServer.PASSWORD);
    }

    /** The events of one type order-service published (relayed to the broker) about one order, oldest first. */
    public static <T> List<T> published(EventType<T> type, String orderId) {
        List<T> events = new ArrayList<>();
        for (EventEnvelope envelope : envelopes(type.name(), orderId, true)) {
            events.add(envelope.dataAs(type));
        }
        return events;
    }

    /** Every event type order-service put in its outbox for one order, oldest first (published or not). */
    public static List<String> eventTypes(String orderId) {
        return envelopes(null, orderId, false).stream().map(EventEnvelope::type).toList();
    }

    private static List<EventEnvelope> envelopes(String type, String orderId, boolean onlyPublished) {
        String sql = "SELECT envelope FROM outbox_message WHERE subject = ?"
                + (type == null ? "" : " AND event_type = ?")
                + (onlyPublished ? " AND published_at IS NOT NULL" : "") + " ORDER BY position";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, orderId);
            if (type != null) {
                s.setString(2, type);
            }
            List<EventEnvelope> result = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    result.add(EventJson.readEnvelope(rows.getString(1)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String status(String orderId) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT status FROM customer_order WHERE order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String statusReason(String orderId) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT status_reason FROM customer_order WHERE order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of an order's audit history, as the table keeps it. */
    public record HistoryRow(String status, String source, String changedBy, String reason) {
    }

    /** The order's audit history, oldest first. */
    public static List<HistoryRow> history(String orderId) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT status, source, changed_by, reason FROM order_status_history WHERE order_id = ? ORDER BY id")) {
            s.setString(1, orderId);
            List<HistoryRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new HistoryRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether order-service's consumer has taken the event in (its inbox row is written with its effects). */
    public static boolean consumed(String consumer, String eventId) {
        return count("SELECT count(*) FROM inbox_message WHERE consumer = ? AND message_id = ?", consumer, eventId) == 1;
    }
}
