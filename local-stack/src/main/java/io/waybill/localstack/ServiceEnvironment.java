package io.waybill.localstack;

import io.waybill.infrastructure.broker.BrokerIdentities;
import io.waybill.infrastructure.keycloak.KeycloakServer;
import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration a service needs to join the local stack, as environment variables.
 * <p>
 * The infrastructure goes in as Quarkus property names ({@code QUARKUS_DATASOURCE_REACTIVE_URL} is
 * {@code quarkus.datasource.reactive.url}): an environment variable outranks every profile of
 * {@code application.properties}, so the same set serves the packaged jar (prod profile) and {@code quarkus:dev}.
 * What only one service needs goes in under the deployment variable its {@code %prod} profile reads (the names
 * the Helm chart sets too), with local stand-ins: directories under {@code .local-stack/}, loopback addresses.
 *
 * The services' {@code %dev} profiles hold the same values for the stack's fixed ports, so that {@code quarkus:dev}
 * finds {@code ./run --infra-only} without this environment; {@code DevProfilesFindTheLocalStackTest} keeps the two
 * in step.
 *
 * @param postgresPort the loopback port of PostgreSQL, holding one database per service
 * @param amqpPort the loopback port of the AMQP 1.0 acceptor, where each service has its own identity
 * @param keycloakBaseUrl the running Keycloak, with the Waybill realm
 * @param work the stack's work directory, {@code .local-stack/}
 */
record ServiceEnvironment(int postgresPort, int amqpPort, String keycloakBaseUrl, Path work) {

    /** Directories under the work directory where stand-ins for partners keep state: a fresh start empties them. */
    static final java.util.List<String> PARTNER_DATA = java.util.List.of("sandbox-carriers", "northwind-3pl",
            "partner-snapshots");

    Map<String, String> of(WaybillService service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgresPort + "/" + service.database());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + service.database());
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("AMQP_HOST", "127.0.0.1");
        env.put("AMQP_PORT", String.valueOf(amqpPort));
        // Every service signs in to the broker as itself (its outbox relay connects even if it owns no stream).
        env.put("AMQP_USERNAME", service.serviceName());
        env.put("AMQP_PASSWORD", BrokerIdentities.localPassword(service.serviceName()));
        // Incoming tokens are checked against the realm; outgoing calls use the service's own client credentials.
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuerUrl());
        env.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", issuerUrl());
        env.put("QUARKUS_OIDC_CLIENT_CLIENT_ID", service.serviceName());
        env.put("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", LocalCredentials.clientSecret(service.serviceName()));
        env.putAll(ownNeeds(service));
        return env;
    }

    private Map<String, String> ownNeeds(WaybillService service) {
        Map<String, String> env = new LinkedHashMap<>();
        switch (service) {
            case ORDER -> {
                // The REST 3PL is the stack's acme-3pl stand-in (Acme3plStandIn); the file-exchange 3PL's drop
                // folders are plain directories a developer can look into, and drop confirmations in.
                env.put("ACME_3PL_URL", "http://127.0.0.1:9091/acme");
                env.put("NORTHWIND_3PL_OUTBOUND_DIR", directory("northwind-3pl/outbound"));
                env.put("NORTHWIND_3PL_INBOUND_DIR", directory("northwind-3pl/inbound"));
                // Exchanged every few seconds rather than every minute: the sandbox carriers collect a parcel within
                // seconds of its booking, and the release must reach the 3PL before that, as it would in a warehouse.
                env.put("WAYBILL_FULFILMENT_NORTHWIND_3PL_EXPORT_EVERY", "2s");
                env.put("WAYBILL_FULFILMENT_NORTHWIND_3PL_IMPORT_EVERY", "2s");
            }
            case INVENTORY -> {
                // File-exchange partners' stock snapshots: drop <warehouseId>/<name>.csv here and the scheduled
                // reconciliation picks it up within a minute (the chart's default is 15m).
                env.put("RECONCILIATION_SCHEDULE", "1m");
                env.put("PARTNER_SNAPSHOT_DIR", directory("partner-snapshots"));
            }
            case ODOO_CONNECTOR -> {
                // Where a local Odoo would listen (odoo-connector's dev settings); without one it retries quietly.
                env.put("ODOO_API", "JSON_RPC");
                env.put("ODOO_URL", "http://127.0.0.1:8069");
                env.put("ODOO_DATABASE", "odoo17");
                env.put("ODOO_LOGIN", "admin");
                env.put("ODOO_API_KEY", "admin");
                env.put("ODOO_WEBHOOK_SECRET", "local-dev-only-odoo-webhook-secret");
                env.put("ODOO_WEBHOOK_BASE_URL", service.baseUrl());
            }
            case SHIPMENT -> {
                // The built-in sandbox carriers (swiftpost, parcelly) quote, label and send tracking webhooks, and
                // journal their parcels, which keep moving when shipment-service restarts, as a real carrier's do.
                env.put("SANDBOX_ENABLED", "true");
                env.put("SANDBOX_JOURNAL_DIR", directory("sandbox-carriers"));
            }
            case PARTNER_REGISTRY -> {
                // It manages partner clients through Keycloak's admin API, with its own client credentials.
                env.put("KEYCLOAK_URL", keycloakBaseUrl);
                env.put("OIDC_CLIENT_SECRET", LocalCredentials.clientSecret(service.serviceName()));
            }
            default -> {
                // The shared settings are all it needs.
            }
        }
        return env;
    }

    private String issuerUrl() {
        return keycloakBaseUrl + "/realms/" + KeycloakServer.REALM;
    }

    private String directory(String relative) {
        try {
            return Files.createDirectories(work.resolve(relative)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + work.resolve(relative), e);
        }
    }
}
