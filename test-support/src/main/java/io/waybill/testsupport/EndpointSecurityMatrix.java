package io.waybill.testsupport;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every operation of a service's OpenAPI document through the token matrix: no token, an expired token, a
 * token from another issuer, a token for another audience (all 401), a valid token without the operation's scope
 * (403), and a valid one (neither 401 nor 403). Because the operations come from the service's own OpenAPI document
 * (where SmallRye lists each {@code @RolesAllowed} scope), a new endpoint cannot escape the matrix, and an endpoint
 * that declares no scope fails it unless the service lists it as deliberately public, with its reason.
 * <p>
 * Subclass it in a {@code @QuarkusTest} with the usual test resources and implement {@link #audience()}.
 */
public abstract class EndpointSecurityMatrix {

    /** The audience this service accepts (its name). */
    protected abstract String audience();

    /** Operations ("POST /carriers/{carrierId}/webhooks") that are public on purpose, with the reason why. */
    protected Map<String, String> deliberatelyPublic() {
        return Map.of();
    }

    /** A value for a path parameter; the default is a well-formed id that exists nowhere. */
    protected String pathValue(String parameter) {
        return "00000000-0000-0000-0000-000000000000";
    }

    @TestFactory
    Stream<DynamicContainer> everyOperationChecksIssuerAudienceExpiryAndScope() {
        List<Operation> operations = operations();
        assertFalse(operations.isEmpty(), "the OpenAPI document lists no operation");
        return operations.stream().map(operation -> DynamicContainer.dynamicContainer(operation.toString(),
                operation.scopes().isEmpty() ? publicOperation(operation) : protectedOperation(operation)));
    }

    private Stream<DynamicTest> publicOperation(Operation operation) {
        return Stream.of(DynamicTest.dynamicTest("is public on purpose", () -> assertTrue(
                deliberatelyPublic().containsKey(operation.toString()),
                operation + " declares no scope: add @RolesAllowed, or list it in deliberatelyPublic() with the reason")));
    }

    private Stream<DynamicTest> protectedOperation(Operation operation) {
        Set<String> allScopes = new LinkedHashSet<>(operation.scopes());
        return Stream.of(
                DynamicTest.dynamicTest("no token is 401", () ->
                        assertEquals(401, call(operation, null).statusCode())),
                DynamicTest.dynamicTest("an expired token is 401", () ->
                        assertEquals(401, call(operation, Tokens.forAudience(audience())
                                .scopes(allScopes.toArray(String[]::new)).expiredSecondsAgo(600).sign()).statusCode())),
                DynamicTest.dynamicTest("a token from another issuer is 401", () ->
                        assertEquals(401, call(operation, Tokens.forAudience(audience())
                                .scopes(allScopes.toArray(String[]::new)).issuer("https://idp.elsewhere.example")
                                .sign()).statusCode())),
                DynamicTest.dynamicTest("a token for another audience is 401", () ->
                        assertEquals(401, call(operation, Tokens.forAudience("some-other-service")
                                .scopes(allScopes.toArray(String[]::new)).sign()).statusCode())),
                DynamicTest.dynamicTest("a valid token without the scope is 403", () ->
                        assertEquals(403, call(operation, Tokens.forAudience(audience())
                                .scopes("unrelated.scope").sign()).statusCode())),
                DynamicTest.dynamicTest("a valid token with the scope gets past security", () -> {
                    int status = call(operation, Tokens.forAudience(audience())
                            .scopes(allScopes.toArray(String[]::new)).partner("matrix-partner")
                            .customer("CUST-MATRIX").sign()).statusCode();
                    assertNotEquals(401, status);
                    assertNotEquals(403, status);
                }));
    }

    private Status call(Operation operation, String token) {
        return operation.streaming() ? streamStatus(operation, token) : new Status(request(operation, token).statusCode());
    }

    /** A server-sent-events stream never ends: read its status line and hang up. */
    private Status streamStatus(Operation operation, String token) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + path(operation)))
                .timeout(java.time.Duration.ofSeconds(10))
                .header("Accept", "text/event-stream")
                .method(operation.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return new Status(response.statusCode());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Status(int statusCode) {
    }

    private String path(Operation operation) {
        String path = operation.path();
        for (String parameter : operation.pathParameters()) {
            path = path.replace("{" + parameter + "}", pathValue(parameter));
        }
        return path;
    }

    private Response request(Operation operation, String token) {
        RequestSpecification request = RestAssured.given().redirects().follow(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (Set.of("POST", "PUT", "PATCH").contains(operation.method())) {
            // The media type the operation declares, so content negotiation never answers before security does.
            String type = operation.requestType() == null ? "application/json" : operation.requestType();
            request = request.contentType(type).body(type.contains("json") ? "{}" : "");
        }
        return request.request(operation.method(), path(operation));
    }

    private List<Operation> operations() {
        JsonPath document = RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, definition) -> {
            if (!(definition instanceof Map<?, ?> op) || method.equals("parameters")) {
                return;
            }
            Set<String> scopes = new LinkedHashSet<>();
            Object security = op.get("security");
            if (security instanceof Collection<?> requirements) {
                for (Object requirement : requirements) {
                    if (requirement instanceof Map<?, ?> map) {
                        map.values().forEach(v -> {
                            if (v instanceof Collection<?> c) {
                                c.forEach(s -> scopes.add(String.valueOf(s)));
                            }
                        });
                    }
                }
            }
            Set<String> pathParameters = new LinkedHashSet<>();
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            while (matcher.find()) {
                pathParameters.add(matcher.group(1));
            }
            boolean streaming = String.valueOf(op.get("responses")).contains("text/event-stream");
            String requestType = null;
            if (op.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                    && !content.isEmpty()) {
                requestType = String.valueOf(content.keySet().iterator().next());
            }
            operations.add(new Operation(method.toUpperCase(), path, scopes, pathParameters, streaming, requestType));
        }));
        return operations;
    }

    record Operation(String method, String path, Set<String> scopes, Set<String> pathParameters, boolean streaming,
                     String requestType) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
