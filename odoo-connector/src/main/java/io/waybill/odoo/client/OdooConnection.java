package io.waybill.odoo.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom the connector reaches one Odoo database.
 *
 * @param baseUrl        e.g. {@code https://erp.example.com}, without a path
 * @param login          the Odoo user's login; only JSON-RPC needs it (to look up the user id once)
 * @param apiKey         an API key of that user; JSON-RPC takes it as the password, JSON-2 as the bearer token
 * @param requestTimeout how long one call may take before its outcome counts as unknown
 */
public record OdooConnection(
        OdooApiFlavour flavour,
        URI baseUrl,
        String database,
        String login,
        String apiKey,
        Duration connectTimeout,
        Duration requestTimeout) {

    public OdooConnection {
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (flavour == OdooApiFlavour.JSON_RPC && (login == null || login.isBlank())) {
            throw new IllegalArgumentException("JSON-RPC needs the Odoo login to authenticate the API key");
        }
    }

    /** The URL of a path on the server, e.g. {@code /jsonrpc}. */
    String url(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    @Override
    public String toString() {
        // Never print the API key into logs.
        return "OdooConnection[" + flavour + " " + baseUrl + " db=" + database + " login=" + login + "]";
    }
}
