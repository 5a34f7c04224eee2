package io.waybill.testsupport;

import io.restassured.path.json.JsonPath;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/** The error statuses a service's served OpenAPI document declares for one operation. */
public final class OpenApiErrors {

    private final JsonPath document;

    private OpenApiErrors(JsonPath document) {
        this.document = document;
    }

    /** Reads the running service's document from {@code /q/openapi}. */
    public static OpenApiErrors ofRunningService() {
        return new OpenApiErrors(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath());
    }

    /** The 4xx and 5xx statuses of an operation, e.g. {@code of("post", "/carrier-bills")}. */
    public Set<String> of(String method, String path) {
        Map<String, Object> responses = document.getMap("paths.'" + path + "'." + method + ".responses");
        if (responses == null) {
            throw new AssertionError("The OpenAPI document has no " + method.toUpperCase() + " " + path);
        }
        Set<String> errors = new TreeSet<>();
        responses.keySet().stream().filter(status -> status.startsWith("4") || status.startsWith("5")).forEach(errors::add);
        return errors;
    }

    /** Every operation as "METHOD path", to check a rule holds document-wide. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.keySet().forEach(method -> operations.add(method + " " + path)));
        return operations;
    }
}
