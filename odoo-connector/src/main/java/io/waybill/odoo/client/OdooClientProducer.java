package io.waybill.odoo.client;

import io.vertx.mutiny.core.Vertx;
import io.waybill.odoo.config.OdooConnectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The connector's one {@link OdooClient}: the configured API flavour, behind the rate limit. */
@ApplicationScoped
public class OdooClientProducer {

    @Produces
    @ApplicationScoped
    OdooClient odooClient(OdooConnectorConfig config, Vertx vertx) {
        OdooConnection connection = new OdooConnection(config.api(), config.url(), config.database(),
                config.login().orElse(null), config.apiKey(), config.connectTimeout(), config.requestTimeout());
        return new RateLimitedOdooClient(OdooClients.create(vertx, connection),
                new OdooRateLimiter(config.rateLimit().callsPerSecond(), vertx));
    }

    void close(@Disposes OdooClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing on shutdown: nothing left to do
            }
        }
    }
}
