package io.waybill.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens for tests, signed with the key of Quarkus' OIDC test server ({@code OidcWiremockTestResource}), so
 * the service under test verifies them exactly as it verifies Keycloak's: issuer, audience, expiry, signature.
 * <pre>
 * given().auth().oauth2(Tokens.forAudience("order-service").scopes("orders.write").partner("acme-3pl").sign())
 * </pre>
 */
public final class Tokens {

    /** The issuer {@code OidcWiremockTestResource} advertises; services use {@code ${keycloak.url}/realms/quarkus}. */
    public static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    public static Builder forAudience(String audience) {
        return new Builder().audience(audience);
    }

    /** A client-credentials token of a service or channel client with the given scopes. */
    public static String client(String audience, String clientId, String... scopes) {
        return forAudience(audience).subject(clientId).scopes(scopes).sign();
    }

    /** A customer user's token: scope portal.customer and the customer_id claim. */
    public static String customer(String audience, String customerId) {
        return forAudience(audience).subject("user-" + customerId.toLowerCase()).scopes("portal.customer")
                .customer(customerId).sign();
    }

    /** A partner client's token: its partner_id claim and the scopes its role has. */
    public static String partner(String audience, String partnerId, String... scopes) {
        return forAudience(audience).subject("service-account-" + partnerId).scopes(scopes).partner(partnerId).sign();
    }

    public static final class Builder {
        private final Set<String> scopes = new LinkedHashSet<>();
        private String audience;
        private String subject = "test-client-" + UUID.randomUUID();
        private String issuer = ISSUER;
        private String customerId;
        private String partnerId;
        private long expiresInSeconds = 300;

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder scopes(String... scopes) {
            this.scopes.addAll(List.of(scopes));
            return this;
        }

        public Builder customer(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder partner(String partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        /** A token from somebody else's identity provider, signed with the same key: must still be refused. */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** A token that expired this many seconds ago (beyond any clock-skew allowance). */
        public Builder expiredSecondsAgo(long seconds) {
            this.expiresInSeconds = -seconds;
            return this;
        }

        public String sign() {
            long now = System.currentTimeMillis() / 1000;
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject(subject)
                    .claim("preferred_username", subject)
                    .issuedAt(now - 10)
                    .expiresAt(now + expiresInSeconds)
                    .claim("scope", String.join(" ", scopes));
            if (audience != null) {
                claims.audience(audience);
            }
            if (customerId != null) {
                claims.claim("customer_id", customerId);
            }
            if (partnerId != null) {
                claims.claim("partner_id", partnerId);
            }
            return claims.jws().keyId("1").sign("privateKey.jwk");
        }
    }
}
