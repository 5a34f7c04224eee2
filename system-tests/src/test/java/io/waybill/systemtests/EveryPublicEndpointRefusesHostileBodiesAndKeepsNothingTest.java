package io.waybill.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.waybill.localstack.Suite;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation with a JSON body that any service documents in its OpenAPI, fed hostile bodies with a token that
 * gets it past security where the local realm has one: malformed JSON, an array for an object, an unknown field,
 * a wrong type, a number too large for any field, injection strings, and a body over the size limit. Each answer is
 * a 4xx problem+json without a stack trace, and afterwards not one row has been added, removed or left behind in
 * any table of any service's database.
 */
class EveryPublicEndpointRefusesHostileBodiesAndKeepsNothingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";
    private static final String INJECTION = "'); DROP TABLE customer_order; -- <script>alert(1)</script> ${jndi:ldap://x}";

    private record Operation(String service, String method, String path, JsonNode schema, JsonNode components) {
        @Override
        public String toString() {
            return service + " " + method.toUpperCase() + " " + path;
        }
    }

    private record Hostile(String name, String body) {
    }

    private final Suite suite = Suite.shared();

    @Test
    void hostileBodiesGetAProblemAndLeaveEveryDatabaseAsItWas() throws Exception {
        List<Operation> operations = operationsWithJsonBodies();
        assertTrue(operations.size() >= 15, "the OpenAPI documents were not read: " + operations);
        Map<String, String> tokens = tokens();

        Map<String, Long> before = quietRowCounts();
        List<String> failures = new ArrayList<>();
        Map<String, String> reachedWith = new TreeMap<>();
        for (Operation operation : operations) {
            String token = firstTokenPastSecurity(operation, tokens, reachedWith);
            for (Hostile hostile : hostileBodies(operation)) {
                Response response = send(operation, token, hostile.body());
                String problem = check(response);
                if (problem != null) {
                    failures.add(operation + " [" + hostile.name() + "]: " + problem);
                }
            }
        }
        Map<String, Long> after = quietRowCounts();

        System.out.printf("Hostile-body sweep: %d operations, %d reached past security%n", operations.size(),
                reachedWith.size());
        reachedWith.forEach((operation, token) -> System.out.printf("  %-70s %s%n", operation, token));
        assertTrue(failures.isEmpty(), "answers that are not a clean 4xx problem:\n  " + String.join("\n  ", failures));
        assertEquals(operations.size(), reachedWith.size(), "operations no local identity reaches, so the sweep "
                + "tested only their security: " + operations.stream().map(Operation::toString)
                .filter(operation -> !reachedWith.containsKey(operation)).toList());
        assertEquals(before, after, "rows changed while only hostile bodies were sent");
    }

    /** Null when the answer is a 4xx problem+json without a stack trace; otherwise what is wrong with it. */
    private static String check(Response response) {
        int status = response.statusCode();
        String body = response.asString();
        if (status < 400 || status >= 500) {
            return "status " + status + ": " + abbreviate(body);
        }
        String contentType = response.contentType();
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return status + " with content type " + contentType + ": " + abbreviate(body);
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.hibernate")
                || body.contains("SQLState")) {
            return status + " shows internals: " + abbreviate(body);
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (!problem.path("type").asText().startsWith("https://waybill.io/problems/")
                    || problem.path("title").asText().isBlank()) {
                return status + " problem without a stable type and a title: " + abbreviate(body);
            }
        } catch (Exception notJson) {
            return status + " body is not JSON: " + abbreviate(body);
        }
        return null;
    }

    private List<Hostile> hostileBodies(Operation operation) {
        List<Hostile> bodies = new ArrayList<>();
        bodies.add(new Hostile("malformed JSON", "{\"a\": "));
        bodies.add(new Hostile("array for an object", "[1, 2, 3]"));
        bodies.add(new Hostile("unknown field", "{\"definitelyNotAField\": true}"));
        bodies.add(new Hostile("huge number", "{\"quantity\": 1" + "0".repeat(400) + "}"));
        bodies.add(new Hostile("oversized", "{\"pad\": \"" + "x".repeat(300 * 1024) + "\"}"));
        ObjectNode properties = propertiesOf(operation.schema(), operation.components());
        if (properties != null && properties.size() > 0) {
            bodies.add(new Hostile("wrong type", wrongType(properties).toString()));
            bodies.add(new Hostile("injection strings in an invalid body", injected(properties).toString()));
        }
        return bodies;
    }

    /** One field with a value of the wrong JSON type: text for a number, an object for text. */
    private static ObjectNode wrongType(ObjectNode properties) {
        ObjectNode body = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        Map.Entry<String, JsonNode> first = fields.next();
        String type = first.getValue().path("type").asText();
        if ("integer".equals(type) || "number".equals(type) || "boolean".equals(type)) {
            body.put(first.getKey(), "not-a-" + type);
        } else {
            body.putObject(first.getKey()).put("nested", "object where a " + (type.isEmpty() ? "value" : type) + " belongs");
        }
        return body;
    }

    /** Every string field carries injection text, beside a field the contract does not have (so it is refused). */
    private static ObjectNode injected(ObjectNode properties) {
        ObjectNode body = JSON.createObjectNode();
        properties.fields().forEachRemaining(field -> {
            if ("string".equals(field.getValue().path("type").asText())) {
                body.put(field.getKey(), INJECTION);
            }
        });
        body.put("definitelyNotAField", INJECTION);
        return body;
    }

    private static ObjectNode propertiesOf(JsonNode schema, JsonNode components) {
        JsonNode resolved = schema;
        for (int depth = 0; depth < 5 && resolved.has("$ref"); depth++) {
            String name = resolved.path("$ref").asText().replace("#/components/schemas/", "");
            resolved = components.path("schemas").path(name);
        }
        return resolved.path("properties") instanceof ObjectNode properties ? properties : null;
    }

    private String firstTokenPastSecurity(Operation operation, Map<String, String> tokens, Map<String, String> reached) {
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            int status = send(operation, token.getValue(), "{\"a\": ").statusCode();
            if (status != 401 && status != 403 && status != 429) {
                reached.put(operation.toString(), token.getKey());
                return token.getValue();
            }
        }
        return tokens.values().iterator().next();
    }

    private Response send(Operation operation, String token, String body) {
        String path = operation.path()
                .replace("{secret}", "local-dev-only-odoo-webhook-secret")
                .replaceAll("\\{[^}]+}", NO_SUCH_ID);
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .header("Idempotency-Key", "hostile-" + System.nanoTime())
                .request(operation.method(), suite.url(operation.service()) + path);
    }

    private Map<String, String> tokens() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("ops (user)", suite.userToken("waybill-ops", "ops"));
        for (String client : List.of("webshop", "acme-3pl", "northwind-3pl", "carrier-sandbox")) {
            tokens.put(client, suite.clientToken(client));
        }
        // Service identities carry their scopes as optional ones: ask for all; Keycloak grants those assigned.
        for (String service : Suite.SERVICES) {
            tokens.put(service, serviceToken(service));
        }
        tokens.put("alice (customer)", suite.userToken("waybill-portal", "alice"));
        return tokens;
    }

    /** A service's token with every optional scope the realm assigns its client. */
    private String serviceToken(String service) throws Exception {
        JsonNode realm = JSON.readTree(Files.readString(Repository.root()
                .resolve("local-infrastructure/src/main/resources/keycloak/waybill-realm.json")));
        List<String> scopes = new ArrayList<>();
        for (JsonNode client : realm.path("clients")) {
            if (service.equals(client.path("clientId").asText())) {
                client.path("optionalClientScopes").forEach(scope -> scopes.add(scope.asText()));
            }
        }
        if (scopes.isEmpty()) {
            return suite.clientToken(service);
        }
        Response response = given().formParam("grant_type", "client_credentials").formParam("client_id", service)
                .formParam("client_secret", "local-dev-only-" + service + "-secret")
                .formParam("scope", String.join(" ", scopes))
                .post(suite.keycloak().tokenUrl());
        assertEquals(200, response.statusCode(), service + " " + scopes + ": " + response.asString());
        return response.path("access_token");
    }

    private List<Operation> operationsWithJsonBodies() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (String service : Suite.SERVICES) {
            JsonNode document = JSON.readTree(given().queryParam("format", "json")
                    .get(suite.url(service) + "/q/openapi").then().statusCode(200).extract().asString());
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                JsonNode schema = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    operations.add(new Operation(service, op.getKey(), path.getKey(), schema, document.path("components")));
                }
            }));
        }
        return operations;
    }

    /**
     * Row counts of every table of every service, once they have stopped changing (orders of earlier tests may still
     * be travelling), so a difference afterwards can only come from the sweep.
     */
    private Map<String, Long> quietRowCounts() throws Exception {
        Map<String, Long> previous = rowCounts();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(3000);
            Map<String, Long> current = rowCounts();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("the databases did not settle within two minutes");
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String service : Suite.SERVICES) {
            try (Connection db = suite.database(service); Statement statement = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("""
                        SELECT schemaname || '.' || tablename FROM pg_tables
                        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                          AND tablename <> 'flyway_schema_history'""")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        counts.put(service + ":" + table, rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
