package io.waybill.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.waybill.model.UnitOfMeasure;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Seeds a fresh local stack with a small, coherent world: the two customers the demo users alice and bob act for,
 * a handful of products, and stock of them in both 3PL warehouses (WH-BERLIN run by acme-3pl, WH-ROTTERDAM by
 * northwind-3pl, created by inventory-service's migrations). Carriers need no seeding: shipment-service comes with
 * its sandbox carriers configured.
 * <p>
 * Everything goes through the services' public APIs, never into their databases, so demo data passes the same
 * validation, emits the same events and leaves the same audit trail as real data: customers and products are
 * maintained by the operator ({@code orders.operate}), stock is received under the odoo-connector's identity
 * ({@code inventory.adjust}), as the ERP would book it. An endpoint a service does not offer (404) is noted and
 * skipped, so the stack still comes up while the services change.
 */
final class DemoData {

    static final String WAREHOUSE_ACME = "WH-BERLIN";
    static final String WAREHOUSE_NORTHWIND = "WH-ROTTERDAM";
    private static final String OPENING_STOCK = "DEMO-OPENING-STOCK";

    /** {@code PUT /customers/{id}} on order-service. */
    record Customer(@JsonIgnore String id, String name, boolean active) {
    }

    /** {@code PUT /products/{sku}} on order-service: one packed unit. */
    record Product(@JsonIgnore String sku, String name, String productClass, BigDecimal weightKg, BigDecimal lengthCm,
                   BigDecimal widthCm, BigDecimal heightCm, boolean active) {
    }

    /** {@code POST /inventory/positions/receipts} on inventory-service. */
    record Receipt(String warehouseId, String sku, String lot, BigDecimal quantity, UnitOfMeasure unit, String reference) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("CUST-ACME", "Acme Industrial Supplies GmbH", true),
            new Customer("CUST-GLOBEX", "Globex Retail BV", true));

    static final List<Product> PRODUCTS = List.of(
            product("SKU-PALLET-JACK", "Manual pallet jack, 2.5 t", "BULKY", "68", "160", "55", "125"),
            product("SKU-STRETCH-FILM", "Stretch film, case of 6 rolls", null, "14.4", "52", "32", "32"),
            product("SKU-LABEL-PRINTER", "Thermal label printer, 4 inch", null, "2.6", "30", "25", "22"),
            product("SKU-SHIPPING-BOX-M", "Shipping boxes, medium, bundle of 25", null, "7.5", "62", "42", "12"));

    static final List<Receipt> RECEIPTS = List.of(
            receipt(WAREHOUSE_ACME, "SKU-PALLET-JACK", 12),
            receipt(WAREHOUSE_ACME, "SKU-STRETCH-FILM", 40),
            receipt(WAREHOUSE_ACME, "SKU-LABEL-PRINTER", 25),
            receipt(WAREHOUSE_ACME, "SKU-SHIPPING-BOX-M", 200),
            receipt(WAREHOUSE_NORTHWIND, "SKU-PALLET-JACK", 4),
            receipt(WAREHOUSE_NORTHWIND, "SKU-STRETCH-FILM", 15),
            receipt(WAREHOUSE_NORTHWIND, "SKU-SHIPPING-BOX-M", 60));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a load achieved, and a line for every record that did not make it. */
    record Outcome(int stored, int skipped, int refused, List<String> notes) {
        String summary() {
            return stored + " stored, " + skipped + " skipped (endpoint not there yet), " + refused + " refused";
        }
    }

    private final String tokenUrl;
    private final List<String> notes = new ArrayList<>();
    private int stored;
    private int missing;
    private int failed;

    DemoData(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    /** Sends everything; a refused record is noted, never thrown, so one gap does not hide the rest. */
    Outcome load() {
        String operator = operatorToken();
        for (Customer customer : CUSTOMERS) {
            send("PUT", WaybillService.ORDER, "/customers/" + customer.id(), customer, operator);
        }
        for (Product product : PRODUCTS) {
            send("PUT", WaybillService.ORDER, "/products/" + product.sku(), product, operator);
        }
        String erp = clientCredentials(WaybillService.ODOO_CONNECTOR.serviceName(), "inventory.adjust");
        for (Receipt receipt : RECEIPTS) {
            send("POST", WaybillService.INVENTORY, "/inventory/positions/receipts", receipt, erp);
        }
        return new Outcome(stored, missing, failed, List.copyOf(notes));
    }

    private static Product product(String sku, String name, String productClass, String weightKg, String lengthCm,
                                   String widthCm, String heightCm) {
        return new Product(sku, name, productClass, new BigDecimal(weightKg), new BigDecimal(lengthCm),
                new BigDecimal(widthCm), new BigDecimal(heightCm), true);
    }

    private static Receipt receipt(String warehouseId, String sku, int units) {
        return new Receipt(warehouseId, sku, null, BigDecimal.valueOf(units), UnitOfMeasure.EACH, OPENING_STOCK);
    }

    private void send(String method, WaybillService service, String path, Object body, String token) {
        String target = method + " " + service.serviceName() + path;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                stored++;
            } else if (status == 404 || status == 405) {
                missing++;
                notes.add(target + " answered " + status + "; skipped");
            } else {
                failed++;
                notes.add(target + " refused with " + status + ": " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            failed++;
            notes.add(target + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading demo data", e);
        }
    }

    private String clientCredentials(String clientId, String scope) {
        return token(Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", LocalCredentials.clientSecret(clientId),
                "scope", scope));
    }

    private String operatorToken() {
        return token(Map.of(
                "grant_type", "password",
                "client_id", "waybill-ops",
                "username", "ops",
                "password", LocalCredentials.password("ops")));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a demo-data token (" + response.statusCode() + "): " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Keycloak answered a token request with something that is not JSON", e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach Keycloak at " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading demo data", e);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
