package io.waybill.benchmarks;

import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;
import io.waybill.localstack.Suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's ceiling: small committed transactions per second on the suite's own PostgreSQL, with nothing of
 * Waybill in between. One transaction inserts one row of about the size of an outbox entry (1 KiB) into a table of a
 * scratch database ({@value #DATABASE}, created for the run) and commits.
 * <p>
 * Also reads the suite's own use of the server: the committed transactions of every service database
 * ({@code pg_stat_database.xact_commit}, read-only ones included, as PostgreSQL counts them).
 */
final class PostgresCeiling {

    static final String DATABASE = "benchmark_scratch";
    private static final String PAYLOAD = "x".repeat(1024);

    /**
     * @param commitsPerSecond transactions committed per second
     * @param commit           one insert and its commit
     * @param connections      how many connections committed at once
     */
    record Result(double commitsPerSecond, Percentiles commit, int connections) {
    }

    private final Suite suite;
    private String scratchUrl;

    PostgresCeiling(Suite suite) {
        this.suite = suite;
    }

    /** Creates the scratch database and its table. */
    void prepare() throws SQLException {
        try (Connection any = suite.database("order-service"); Statement statement = any.createStatement()) {
            String url = any.getMetaData().getURL();
            scratchUrl = url.substring(0, url.lastIndexOf('/') + 1) + DATABASE;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        try (Connection scratch = scratch(); Statement statement = scratch.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS scratch (
                        id          BIGSERIAL PRIMARY KEY,
                        payload     TEXT        NOT NULL,
                        created_at  TIMESTAMPTZ NOT NULL DEFAULT now())""");
        }
    }

    /** Insert-and-commit transactions for {@code time} on {@code connections} connections at once. */
    Result measure(int connections, Duration time) throws SQLException, InterruptedException {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection c = scratch();
                c.setAutoCommit(false);
                open.add(c);
            }
            AtomicLong commits = new AtomicLong();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(connections);
            long start = System.nanoTime();
            long end = start + time.toNanos();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (Connection c : open) {
                Thread.ofPlatform().name("pg-ceiling").start(() -> {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO scratch (payload) VALUES (?)")) {
                        long now;
                        while ((now = System.nanoTime()) < end) {
                            insert.setString(1, PAYLOAD);
                            insert.executeUpdate();
                            c.commit();
                            latencies.add(System.nanoTime() - now);
                            commits.incrementAndGet();
                        }
                    } catch (SQLException | RuntimeException e) {
                        failures.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("The database ceiling failed: " + failures.get(0), failures.get(0));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(commits.get() / seconds, Percentiles.of(List.copyOf(latencies)), connections);
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    /** Committed transactions so far, summed over the service databases (the scratch one left out). */
    long suiteCommits() throws SQLException {
        try (Connection any = suite.database("order-service"); Statement statement = any.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT coalesce(sum(xact_commit), 0) FROM pg_stat_database
                      WHERE datname IS NOT NULL
                        AND datname NOT IN ('postgres', 'template0', 'template1', '%s')""".formatted(DATABASE))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection scratch() throws SQLException {
        return DriverManager.getConnection(scratchUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }
}
