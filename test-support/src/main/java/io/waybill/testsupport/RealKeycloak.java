package io.waybill.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.waybill.infrastructure.keycloak.KeycloakServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real Keycloak with the Waybill realm, for the few tests whose subject is the identity provider itself
 * (partner onboarding, token contents). Started once per test JVM; most service tests use Quarkus' OIDC test
 * server instead, which starts in a second rather than 12-45.
 */
public class RealKeycloak implements QuarkusTestResourceLifecycleManager {

    private static KeycloakServer server;

    public static synchronized KeycloakServer server() {
        if (server == null) {
            // The repository-wide target/keycloak, shared with local-infrastructure's tests: the distribution is
            // unpacked and built (about 45 s) once per build, not once per module.
            server = KeycloakServer.start(repositoryRoot().resolve("target").resolve("keycloak"), 0);
        }
        return server;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir.getParent() != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return Files.exists(dir.resolve("mvnw")) ? dir : Path.of("").toAbsolutePath();
    }

    @Override
    public Map<String, String> start() {
        String issuer = server().issuerUrl();
        return Map.of(
                "quarkus.oidc.auth-server-url", issuer,
                "%test.quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.token.issuer", issuer,
                "%test.quarkus.oidc.token.issuer", issuer,
                "quarkus.oidc-client.auth-server-url", issuer,
                "%test.quarkus.oidc-client.auth-server-url", issuer,
                "waybill.keycloak.base-url", server().baseUrl(),
                "%test.waybill.keycloak.base-url", server().baseUrl());
    }

    @Override
    public void stop() {
        // One Keycloak for the whole test JVM; KeycloakServer stops it when the JVM exits.
    }

    /** A user's token through a public client's password grant (demo clients only). */
    public static String userToken(String clientId, String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password))
                .then().statusCode(200).extract().path("access_token");
    }

    /** The raw token-endpoint response of a client-credentials grant, to assert refusals too. */
    public static Response clientCredentials(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static Response token(Map<String, String> form) {
        return RestAssured.given().formParams(form).post(server().tokenUrl());
    }
}
