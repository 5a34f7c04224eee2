package io.waybill.localstack;

import io.waybill.infrastructure.broker.BrokerIdentities;
import io.waybill.infrastructure.keycloak.KeycloakServer;
import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration a service needs to join the local infrastructure, as environment variables. Quarkus maps
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL} to {@code quarkus.datasource.reactive.url}, and an environment variable
 * outranks every profile of {@code application.properties}, so the same set serves the packaged jar (prod
 * profile) and {@code quarkus:dev}.
 */
final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    /**
     * @param postgres the running PostgreSQL, holding one database per service
     * @param amqpPort the loopback port of the AMQP 1.0 acceptor, where each service has its own identity
     * @param keycloak the running Keycloak with the Waybill realm
     */
    static Map<String, String> of(WaybillService service, EmbeddedPostgresServer postgres, int amqpPort, KeycloakServer keycloak) {
        String issuerUrl = keycloak.issuerUrl();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(service.database()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("AMQP_HOST", "127.0.0.1");
        env.put("AMQP_PORT", String.valueOf(amqpPort));
        if (service.usesBroker()) {
            env.put("AMQP_USERNAME", service.serviceName());
            env.put("AMQP_PASSWORD", BrokerIdentities.localPassword(service.serviceName()));
        }
        // Incoming tokens are checked against the realm; outgoing calls use the service's own client credentials.
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuerUrl);
        env.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", issuerUrl);
        env.put("QUARKUS_OIDC_CLIENT_CLIENT_ID", service.serviceName());
        env.put("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", LocalCredentials.clientSecret(service.serviceName()));
        if (service == WaybillService.PARTNER_REGISTRY) {
            // It manages partner clients through Keycloak's admin API, beside the realm's OIDC endpoints.
            env.put("WAYBILL_KEYCLOAK_BASE_URL", keycloak.baseUrl());
        }
        return env;
    }
}
