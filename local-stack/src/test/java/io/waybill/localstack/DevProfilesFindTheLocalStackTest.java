package io.waybill.localstack;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run --infra-only} then {@code ./mvnw -pl <service> quarkus:dev} works only if each service's {@code %dev}
 * profile holds what the stack would hand the service as environment: the same database, broker port and identity,
 * and Keycloak realm. The stack refuses to start infra-only without its fixed ports, so these are the values.
 */
class DevProfilesFindTheLocalStackTest {

    /** Environment variable the stack sets -> the property a %dev profile must give the same value. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();
    /** Checked where the service's %dev profile sets them (only services that call others use an OIDC client). */
    private static final Map<String, String> WHERE_USED = new LinkedHashMap<>();

    static {
        REQUIRED.put("QUARKUS_HTTP_PORT", "quarkus.http.port");
        REQUIRED.put("QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url");
        REQUIRED.put("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url");
        REQUIRED.put("QUARKUS_DATASOURCE_USERNAME", "quarkus.datasource.username");
        REQUIRED.put("QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password");
        REQUIRED.put("AMQP_HOST", "amqp-host");
        REQUIRED.put("AMQP_PORT", "amqp-port");
        REQUIRED.put("AMQP_USERNAME", "amqp-username");
        REQUIRED.put("AMQP_PASSWORD", "amqp-password");
        REQUIRED.put("QUARKUS_OIDC_AUTH_SERVER_URL", "quarkus.oidc.auth-server-url");
        WHERE_USED.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "quarkus.oidc-client.auth-server-url");
        WHERE_USED.put("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "quarkus.oidc-client.credentials.secret");
    }

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> eachServicesDevProfileMatchesWhatTheStackHandsIt() {
        ServiceEnvironment stack = new ServiceEnvironment(LocalStack.POSTGRES_PORT, LocalStack.AMQP_PREFERRED_PORT,
                "http://127.0.0.1:" + LocalStack.KEYCLOAK_PORT, work);
        return Arrays.stream(WaybillService.values()).map(service -> DynamicTest.dynamicTest(service.serviceName(), () -> {
            Map<String, String> env = stack.of(service);
            Properties config = configOf(service);
            REQUIRED.forEach((variable, property) -> {
                String dev = devValue(config, property);
                assertTrue(dev != null, service.serviceName() + " has no %dev value for " + property);
                assertEquals(env.get(variable), dev, service.serviceName() + ": " + property + " in %dev");
            });
            WHERE_USED.forEach((variable, property) -> {
                String dev = devValue(config, property);
                if (dev != null) {
                    assertEquals(env.get(variable), dev, service.serviceName() + ": " + property + " in %dev");
                }
            });
        }));
    }

    /** What quarkus:dev would read: the %dev value, else the profile-less one. */
    private static String devValue(Properties config, String property) {
        String dev = config.getProperty("%dev." + property);
        return dev != null ? dev.trim() : config.getProperty(property) == null ? null : config.getProperty(property).trim();
    }

    private static Properties configOf(WaybillService service) {
        Path file = Path.of("..", service.serviceName(), "src", "main", "resources", "application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath().normalize(), e);
        }
        return properties;
    }
}
