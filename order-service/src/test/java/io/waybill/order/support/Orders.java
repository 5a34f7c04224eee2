package io.waybill.order.support;

import io.restassured.http.ContentType;
import io.waybill.testsupport.Tokens;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Test data through the service's own API: customers and products (as the local stack's demo data does) and order
 * submissions from a channel. Ids are unique per call, since the database lives for the whole test JVM.
 */
public final class Orders {

    public static final String AUDIENCE = "order-service";

    private Orders() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String operator() {
        return Tokens.client(AUDIENCE, "ops-console", "orders.operate");
    }

    public static String webshop() {
        return Tokens.client(AUDIENCE, "webshop", "orders.write", "orders.read");
    }

    public static String customer() {
        String id = unique("C");
        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "Customer " + id))
                .put("/customers/{id}", id).then().statusCode(204);
        return id;
    }

    public static String product(String productClass) {
        String sku = unique("SKU");
        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "Chair " + sku, "productClass", productClass, "weightKg", 3.5,
                        "lengthCm", 60, "widthCm", 50, "heightCm", 40))
                .put("/products/{sku}", sku).then().statusCode(204);
        return sku;
    }

    /** An order body: one line per SKU, two of each, to {@code country} (a postcode of its format for DE and NL). */
    public static Map<String, Object> order(String customerId, String country, String serviceLevel, String... skus) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add(new LinkedHashMap<>(Map.of("sku", sku, "quantity", 2)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sourceReference", unique("WS"));
        body.put("customerId", customerId);
        body.put("serviceLevel", serviceLevel);
        body.put("shipTo", new LinkedHashMap<>(Map.of("name", "Erika Mustermann", "street1", "Hauptstrasse 5",
                "city", "Berlin", "postalCode", country.equals("NL") ? "3011 AA" : "10115", "countryCode", country)));
        body.put("lines", lines);
        return body;
    }

    /** Submits as the webshop channel and returns the new order's id. */
    public static String submit(Map<String, Object> body) {
        return given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(201).extract().path("orderId");
    }
}
