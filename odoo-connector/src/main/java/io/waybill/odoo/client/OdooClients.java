package io.waybill.odoo.client;

import io.vertx.mutiny.core.Vertx;

/** Chooses the implementation for the configured API flavour. */
public final class OdooClients {

    private OdooClients() {
    }

    public static OdooClient create(Vertx vertx, OdooConnection connection) {
        return switch (connection.flavour()) {
            case JSON_RPC -> new JsonRpcOdooClient(vertx, connection);
            case JSON_2 -> new Json2OdooClient(vertx, connection);
        };
    }
}
