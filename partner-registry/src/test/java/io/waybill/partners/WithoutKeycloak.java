package io.waybill.partners;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * partner-registry with the OIDC test server instead of the real Keycloak: for the tests that only need signed test
 * tokens (the token matrix, the OpenAPI document). Keycloak's admin API points at a closed port, so an operation that
 * would reach it fails (5xx) rather than touch anything. Its test classes restrict the OIDC test server to
 * themselves, as PartnerLifecycleOnARealKeycloakTest does with the real Keycloak: a test resource that is not
 * restricted configures every test class of the module.
 */
public class WithoutKeycloak implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc-client.auth-server-url", "${keycloak.url}/realms/quarkus/",
                "waybill.keycloak.base-url", "http://127.0.0.1:1");
    }
}
