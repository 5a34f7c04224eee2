package io.waybill.localstack;

import io.waybill.events.EventStream.Services;

import java.nio.file.Path;

/**
 * The Waybill applications as the local stack runs them: each on a fixed loopback port (so URLs in the
 * README and in a developer's notes stay valid), each with its own database. Ports and database names are the
 * ones the services' {@code %dev} profiles expect, so {@code quarkus:dev} finds the stack without any setting. The service name is also its module
 * directory and its Keycloak client id.
 */
enum WaybillService {

    // "order" is an SQL keyword, hence the plural.
    ORDER(Services.ORDER, 8081, "orders"),
    INVENTORY(Services.INVENTORY, 8082, "inventory"),
    SHIPMENT(Services.SHIPMENT, 8083, "shipment"),
    BILLING(Services.BILLING, 8084, "billing"),
    PORTAL(Services.PORTAL, 8085, "portal"),
    ODOO_CONNECTOR(Services.ODOO_CONNECTOR, 8086, "odoo_connector"),
    // Publishes no event stream, so it is not among EventStream's services.
    PARTNER_REGISTRY("partner-registry", 8087, "partners");

    private final String serviceName;
    private final int port;
    private final String database;

    WaybillService(String serviceName, int port, String database) {
        this.serviceName = serviceName;
        this.port = port;
        this.database = database;
    }

    String serviceName() {
        return serviceName;
    }

    int port() {
        return port;
    }

    String database() {
        return database;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Quarkus fast-jar that {@code ./mvnw package} leaves in the service's module. */
    Path fastJar(Path repositoryRoot) {
        return repositoryRoot.resolve(serviceName).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
