package io.waybill.shipment.support;

import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;
import io.waybill.testsupport.WaybillInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC into the service's test database, to read what it stored and published (the outbox). */
public final class Db {

    private Db() {
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(
                WaybillInfrastructure.postgres().jdbcUrl(WaybillInfrastructure.DATABASE),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            if (!statement.execute()) {
                return rows;
            }
            try (ResultSet result = statement.getResultSet()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> one(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("Expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    public static long count(String sql, Object... params) {
        return ((Number) one(sql, params).values().iterator().next()).longValue();
    }

    /** Data of the events the service appended to its outbox for a subject, oldest first. */
    public static List<String> published(String eventType, String subject) {
        return rows("SELECT envelope FROM outbox_message WHERE event_type = ? AND subject = ? ORDER BY position",
                eventType, subject).stream().map(r -> (String) r.get("envelope")).toList();
    }
}
