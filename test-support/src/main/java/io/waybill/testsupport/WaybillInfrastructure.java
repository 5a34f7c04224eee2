package io.waybill.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waybill.infrastructure.broker.EmbeddedBroker;
import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the real PostgreSQL and Artemis once per test JVM and hands their addresses to Quarkus. Use it on every
 * {@code @QuarkusTest} of a service: {@code @QuarkusTestResource(WaybillInfrastructure.class)}.
 * <p>
 * Both run on loopback on free ports, with their data under the test JVM's temporary directory (inside
 * {@code target/}); they stop when the JVM exits. Tests that prove behaviour across a broker outage use
 * {@link #broker()} to stop and restart it on the same port and journal.
 */
public class WaybillInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "waybill_test";

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedBroker broker;

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(workDir().resolve("postgres"), 0);
            postgres.createDatabase(DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-test-postgres"));
        }
        return postgres;
    }

    public static synchronized EmbeddedBroker broker() {
        if (broker == null) {
            broker = EmbeddedBroker.start(workDir().resolve("artemis"), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-test-broker"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer db = postgres();
        EmbeddedBroker amqp = broker();
        return Map.of(
                "quarkus.datasource.reactive.url", db.reactiveUrl(DATABASE),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(DATABASE),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD,
                "amqp-host", "127.0.0.1",
                "amqp-port", String.valueOf(amqp.port()));
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: other test classes of the module reuse them; shutdown hooks stop them.
    }

    private static Path workDir() {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "waybill-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
