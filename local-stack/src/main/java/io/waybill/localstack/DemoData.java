package io.waybill.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.model.Address;
import io.waybill.model.Quantity;
import io.waybill.model.UnitOfMeasure;

import java.io.IOException;
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
 * Seeds a fresh local stack with a small, coherent world: two customers (the ones the demo users alice and bob act
 * for), a handful of products, stock of each in two warehouses, and the sandbox carrier.
 * <p>
 * Everything goes through the services' public APIs, never into their databases, so demo data passes the same
 * validation, emits the same events and leaves the same audit trail as real data. Master data arrives the way the
 * ERP would send it, under the odoo-connector's identity; the carrier is registered by the operator, as partners
 * are. An endpoint a service does not offer (404) is reported and skipped, so the stack still comes up while the
 * services grow.
 */
final class DemoData {

    static final String WAREHOUSE_NORTH = "WH-HAMBURG";
    static final String WAREHOUSE_SOUTH = "WH-MUNICH";

    record Customer(String id, String name, String email, Address address) {
    }

    record Product(String sku, String description, UnitOfMeasure unit, Quantity grossWeight) {
    }

    record StockReceipt(String warehouse, String sku, Quantity quantity, String reference) {
    }

    record Carrier(String code, String name, String partnerId, List<String> services) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("CUST-ACME", "Acme Industrial Supplies GmbH", "purchasing@acme.example",
                    new Address("Receiving", "Acme Industrial Supplies GmbH", "Hafenstrasse 12", null, "Hamburg", null,
                            "20457", "DE", "+49 40 000000", "receiving@acme.example")),
            new Customer("CUST-GLOBEX", "Globex Retail BV", "orders@globex.example",
                    new Address("Goods in", "Globex Retail BV", "Keizersgracht 100", null, "Amsterdam", null,
                            "1015 CV", "NL", "+31 20 000000", "goodsin@globex.example")));

    static final List<Product> PRODUCTS = List.of(
            new Product("SKU-PALLET-JACK", "Manual pallet jack, 2.5 t", UnitOfMeasure.EACH, Quantity.of("68", UnitOfMeasure.KG)),
            new Product("SKU-STRETCH-FILM", "Stretch film roll, 500 mm x 300 m", UnitOfMeasure.CASE, Quantity.of("14.4", UnitOfMeasure.KG)),
            new Product("SKU-LABEL-PRINTER", "Thermal label printer, 4 inch", UnitOfMeasure.EACH, Quantity.of("2.6", UnitOfMeasure.KG)),
            new Product("SKU-SHIPPING-BOX-M", "Shipping box, medium, bundle of 25", UnitOfMeasure.CASE, Quantity.of("7.5", UnitOfMeasure.KG)));

    static final List<StockReceipt> RECEIPTS = List.of(
            new StockReceipt(WAREHOUSE_NORTH, "SKU-PALLET-JACK", Quantity.each(12), "DEMO-OPENING-STOCK"),
            new StockReceipt(WAREHOUSE_NORTH, "SKU-STRETCH-FILM", Quantity.of("40", UnitOfMeasure.CASE), "DEMO-OPENING-STOCK"),
            new StockReceipt(WAREHOUSE_NORTH, "SKU-LABEL-PRINTER", Quantity.each(25), "DEMO-OPENING-STOCK"),
            new StockReceipt(WAREHOUSE_NORTH, "SKU-SHIPPING-BOX-M", Quantity.of("200", UnitOfMeasure.CASE), "DEMO-OPENING-STOCK"),
            new StockReceipt(WAREHOUSE_SOUTH, "SKU-PALLET-JACK", Quantity.each(4), "DEMO-OPENING-STOCK"),
            new StockReceipt(WAREHOUSE_SOUTH, "SKU-STRETCH-FILM", Quantity.of("15", UnitOfMeasure.CASE), "DEMO-OPENING-STOCK"),
            new StockReceipt(WAREHOUSE_SOUTH, "SKU-SHIPPING-BOX-M", Quantity.of("60", UnitOfMeasure.CASE), "DEMO-OPENING-STOCK"));

    static final List<Carrier> CARRIERS = List.of(
            new Carrier("SANDBOX", "Sandbox Carrier (simulated)", "carrier-sandbox", List.of("STANDARD", "EXPRESS")));

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
        String erp = clientCredentials(WaybillService.ODOO_CONNECTOR.serviceName(), "orders.write inventory.adjust");
        for (Customer customer : CUSTOMERS) {
            send("PUT", WaybillService.ORDER, "/customers/" + customer.id(), customer, erp);
        }
        for (Product product : PRODUCTS) {
            send("PUT", WaybillService.ORDER, "/products/" + product.sku(), product, erp);
        }
        for (StockReceipt receipt : RECEIPTS) {
            send("POST", WaybillService.INVENTORY, "/inventory/positions/receipts", receipt, erp);
        }
        String operator = operatorToken();
        for (Carrier carrier : CARRIERS) {
            send("PUT", WaybillService.SHIPMENT, "/carriers/" + carrier.code(), carrier, operator);
        }
        return new Outcome(stored, missing, failed, List.copyOf(notes));
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
