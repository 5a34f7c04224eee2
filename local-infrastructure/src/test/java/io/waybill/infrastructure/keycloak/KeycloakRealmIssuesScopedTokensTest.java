package io.waybill.infrastructure.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm file in the repository, imported into a real Keycloak, issues exactly the tokens the services rely on:
 * scopes in {@code scope}, the owning services in {@code aud}, {@code partner_id} on partner clients,
 * {@code customer_id} on customer users, a subject on every token, and nothing to anyone who should not have it.
 * One Keycloak serves the whole class (about 45 s the first time the distribution is built, 12 s after).
 */
class KeycloakRealmIssuesScopedTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> OPERATOR_SCOPES = List.of(
            "ops.dead-letters", "orders.operate", "shipments.operate", "billing.audit", "partners.manage", "audit.read");

    /*
     * Subjects are fixed in the realm file: the local stack re-imports the realm on every start while the services'
     * data (audit entries, who placed an order) survives, so a user must stay the same subject.
     */
    private static final String ALICE = "bc1d0f35-3ec5-5216-953d-fd3ec4300721";
    private static final String BOB = "e9c63262-b94a-5d0e-96ac-ac67969af66c";
    private static final String ACME_3PL_SERVICE_ACCOUNT = "63cf5578-157d-50d6-9090-23e7a8e3420f";

    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        // The repository-wide target/keycloak: later modules reuse the unpacked, built distribution.
        keycloak = KeycloakServer.start(Path.of("..", "target", "keycloak"), 0);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void partnerClientCredentialsTokenCarriesItsPartnerIdScopesAndAudience() throws Exception {
        JsonNode claims = claims(token(Map.of(
                "grant_type", "client_credentials",
                "client_id", "acme-3pl",
                "client_secret", "local-dev-only-acme-3pl-secret")));

        assertEquals("acme-3pl", claims.path("partner_id").asText());
        assertEquals(Set.of("inventory.adjust", "fulfilment.write", "orders.read"), scopes(claims));
        assertEquals(Set.of("inventory-service", "order-service"), audiences(claims));
        assertEquals(keycloak.issuerUrl(), claims.path("iss").asText());
        assertEquals(ACME_3PL_SERVICE_ACCOUNT, claims.path("sub").asText(), "a client-credentials token names its service account");
        assertEquals(300, claims.path("exp").asLong() - claims.path("iat").asLong(), "tokens live five minutes");
    }

    @Test
    void carrierTokenIsGoodOnlyForTrackingWebhooksAtTheShipmentService() throws Exception {
        JsonNode claims = claims(token(Map.of(
                "grant_type", "client_credentials",
                "client_id", "carrier-sandbox",
                "client_secret", "local-dev-only-carrier-sandbox-secret")));

        assertEquals("carrier-sandbox", claims.path("partner_id").asText());
        assertEquals(Set.of("shipments.tracking.write"), scopes(claims));
        assertEquals(Set.of("shipment-service"), audiences(claims));
    }

    @Test
    void customerPasswordGrantCarriesCustomerIdAndPortalScope() throws Exception {
        JsonNode alice = claims(token(password("waybill-portal", "alice")));
        JsonNode bob = claims(token(password("waybill-portal", "bob")));

        assertEquals("CUST-ACME", alice.path("customer_id").asText());
        assertEquals("CUST-GLOBEX", bob.path("customer_id").asText());
        assertTrue(scopes(alice).contains("portal.customer"), "scope was " + scopes(alice));
        assertEquals(Set.of("portal-api"), audiences(alice));
        assertEquals("alice", alice.path("preferred_username").asText());
        assertEquals(ALICE, alice.path("sub").asText(), "a user token names the user");
        assertEquals(BOB, bob.path("sub").asText());
        assertTrue(alice.path("partner_id").isMissingNode(), "a customer is no partner");
    }

    @Test
    void operatorScopesGoToTheOperatorAndToNoCustomer() throws Exception {
        JsonNode ops = claims(token(password("waybill-ops", "ops")));
        JsonNode aliceAtTheOpsConsole = claims(token(password("waybill-ops", "alice")));

        assertTrue(scopes(ops).containsAll(OPERATOR_SCOPES), "scope was " + scopes(ops));
        assertEquals(Set.of("order-service", "inventory-service", "shipment-service", "billing-service", "portal-api",
                "odoo-connector", "partner-registry"), audiences(ops));
        assertTrue(scopes(aliceAtTheOpsConsole).stream().noneMatch(OPERATOR_SCOPES::contains),
                "a customer must not gain operator scopes through the operator client: " + scopes(aliceAtTheOpsConsole));
        assertTrue(audiences(aliceAtTheOpsConsole).isEmpty(), "no service would accept it: " + audiences(aliceAtTheOpsConsole));
    }

    @Test
    void serviceClientReceivesTheScopeItRequestsForTheServiceItCalls() throws Exception {
        JsonNode claims = claims(token(Map.of(
                "grant_type", "client_credentials",
                "client_id", "order-service",
                "client_secret", "local-dev-only-order-service-secret",
                "scope", "shipments.book")));

        assertEquals(Set.of("shipments.book"), scopes(claims));
        assertEquals(Set.of("shipment-service"), audiences(claims));
        assertTrue(claims.path("partner_id").isMissingNode(), "a Waybill service is no partner");
    }

    @Test
    void serviceClientCannotObtainAScopeOutsideItsJob() throws Exception {
        HttpResponse<String> response = post(Map.of(
                "grant_type", "client_credentials",
                "client_id", "order-service",
                "client_secret", "local-dev-only-order-service-secret",
                "scope", "billing.audit"));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_scope", JSON.readTree(response.body()).path("error").asText());
    }

    @Test
    void partnerRegistryAloneMayManageThePartnerClients() throws Exception {
        String registry = token(Map.of(
                "grant_type", "client_credentials",
                "client_id", "partner-registry",
                "client_secret", "local-dev-only-partner-registry-secret"));
        String partner = token(Map.of(
                "grant_type", "client_credentials",
                "client_id", "acme-3pl",
                "client_secret", "local-dev-only-acme-3pl-secret"));

        HttpResponse<String> asRegistry = adminGet("/clients?clientId=webshop", registry);
        assertEquals(200, asRegistry.statusCode(), asRegistry.body());
        assertEquals("webshop", JSON.readTree(asRegistry.body()).path(0).path("clientId").asText());
        assertEquals(403, adminGet("/clients?clientId=webshop", partner).statusCode(), "a partner must not see other clients");
        assertEquals(403, adminGet("/users", registry).statusCode(), "the registry manages clients, not users");
    }

    @Test
    void wrongClientSecretIsRefused() throws Exception {
        HttpResponse<String> response = post(Map.of(
                "grant_type", "client_credentials",
                "client_id", "webshop",
                "client_secret", "not-the-webshop-secret"));

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("unauthorized_client", JSON.readTree(response.body()).path("error").asText());
    }

    @Test
    void wrongUserPasswordIsRefused() throws Exception {
        Map<String, String> form = new LinkedHashMap<>(password("waybill-portal", "alice"));
        form.put("password", "not-alices-password");

        HttpResponse<String> response = post(form);

        // RFC 6749: bad resource-owner credentials are an invalid grant (400), not a failed client authentication.
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_grant", JSON.readTree(response.body()).path("error").asText());
    }

    private static Map<String, String> password(String client, String user) {
        return Map.of(
                "grant_type", "password",
                "client_id", client,
                "username", user,
                "password", "local-dev-only-" + user);
    }

    private static String token(Map<String, String> form) throws IOException, InterruptedException {
        HttpResponse<String> response = post(form);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> post(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> adminGet(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path))
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The payload of a JWT; the signature is the services' business (quarkus-oidc checks it against the realm keys). */
    private static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a signed JWT has three parts");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static Set<String> scopes(JsonNode claims) {
        return Arrays.stream(claims.path("scope").asText().split(" "))
                .filter(s -> !s.isBlank())
                // Scopes that are not Waybill API capabilities (the OIDC 'profile') are no concern of the services.
                .filter(s -> s.contains("."))
                .collect(Collectors.toSet());
    }

    private static Set<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isMissingNode()) {
            return Set.of();
        }
        if (aud.isTextual()) {
            return Set.of(aud.asText());
        }
        return StreamSupport.stream(aud.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
    }
}
