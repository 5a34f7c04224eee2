package io.waybill.billing;

import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;
import io.waybill.testsupport.WaybillInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads of billing-service's database, to check what was (and was not) persisted and published. */
public final class BillingDatabase {

    private BillingDatabase() {
    }

    public static long count(String sql, Object... params) {
        List<String> values = column(sql, params);
        return Long.parseLong(values.get(0));
    }

    public static String single(String sql, Object... params) {
        List<String> values = column(sql, params);
        return values.isEmpty() ? null : values.get(0);
    }

    public static List<String> column(String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(
                WaybillInfrastructure.postgres().jdbcUrl(WaybillInfrastructure.DATABASE),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(
                WaybillInfrastructure.postgres().jdbcUrl(WaybillInfrastructure.DATABASE),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
