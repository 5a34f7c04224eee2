package io.waybill.partners.keycloak;

import io.quarkus.oidc.client.OidcClient;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.partners.onboarding.PartnerRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Partner identities in Keycloak: one confidential client per partner, client credentials only, the role's scopes
 * as its default scopes (and nothing else: full scope off), and a hardcoded partner_id claim. Calls the admin API
 * with partner-registry's own client-credentials token, never with the operator's.
 */
@ApplicationScoped
public class PartnerClients {

    private final KeycloakAdminApi admin;
    private final OidcClient oidcClient;
    private final String realm;

    public PartnerClients(@RestClient KeycloakAdminApi admin, OidcClient oidcClient,
                          @ConfigProperty(name = "waybill.partners.realm", defaultValue = "waybill") String realm) {
        this.admin = admin;
        this.oidcClient = oidcClient;
        this.realm = realm;
    }

    public record IssuedClient(String keycloakUuid, String clientId, String secret) {
    }

    /** Creates the partner's client, or fails with 409 if a client of that id already exists. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<IssuedClient> issue(String partnerId, String displayName, PartnerRole role) {
        KeycloakAdminApi.ClientRepresentation client = new KeycloakAdminApi.ClientRepresentation(null, partnerId,
                displayName, role.name() + " partner " + displayName + ", onboarded through partner-registry", true,
                false, true, false, false, false, "client-secret",
                concat("basic", role.scopes()), List.of(),
                List.of(new KeycloakAdminApi.ProtocolMapper("partner_id", "openid-connect",
                        "oidc-hardcoded-claim-mapper", Map.of(
                        "claim.name", "partner_id", "claim.value", partnerId, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "false",
                        "introspection.token.claim", "true"))),
                Map.of());
        return bearer().chain(token -> admin.create(token, realm, client).chain(response -> {
            if (response.getStatus() == 409) {
                return Uni.createFrom().failure(ProblemException.conflict("partner-exists",
                        "A client named " + partnerId + " already exists in the identity provider"));
            }
            if (response.getStatus() != 201) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Keycloak refused to create client " + partnerId + ": HTTP " + response.getStatus()));
            }
            String location = response.getHeaderString("Location");
            String uuid = location.substring(location.lastIndexOf('/') + 1);
            return admin.secret(token, realm, uuid).map(secret -> new IssuedClient(uuid, partnerId, secret.value()));
        }));
    }

    /** A new secret; the old one stops working at once. */
    @Retry(maxRetries = 2, delay = 200)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<String> rotate(String keycloakUuid) {
        return bearer().chain(token -> admin.regenerateSecret(token, realm, keycloakUuid)).map(KeycloakAdminApi.Secret::value);
    }

    /**
     * Disables the client and replaces its secret, so no new token can be obtained from this moment; tokens
     * already issued expire within the realm's short access-token lifespan.
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<Void> revoke(String keycloakUuid, String partnerId) {
        KeycloakAdminApi.ClientRepresentation disabled = new KeycloakAdminApi.ClientRepresentation(keycloakUuid,
                partnerId, null, null, false, null, null, null, null, null, null, null, null, null, null);
        return bearer().chain(token -> admin.update(token, realm, keycloakUuid, disabled)
                .chain(response -> response.getStatus() / 100 == 2
                        ? admin.regenerateSecret(token, realm, keycloakUuid).replaceWithVoid()
                        : Uni.createFrom().failure(new IllegalStateException(
                        "Keycloak refused to disable client " + partnerId + ": HTTP " + response.getStatus()))));
    }

    private Uni<String> bearer() {
        return oidcClient.getTokens().map(tokens -> "Bearer " + tokens.getAccessToken());
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
