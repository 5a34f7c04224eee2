package io.waybill.foundation.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.foundation.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** The Waybill-specific claims of a caller's token: which customer a user acts for, which partner a client is. */
public final class Claims {

    public static final String CUSTOMER_ID = "customer_id";
    public static final String PARTNER_ID = "partner_id";

    private Claims() {
    }

    public static Optional<String> customerId(SecurityIdentity identity) {
        return claim(identity, CUSTOMER_ID);
    }

    public static Optional<String> partnerId(SecurityIdentity identity) {
        return claim(identity, PARTNER_ID);
    }

    /** The caller's customer id; a customer token without one is misconfigured and gets 403, never all data. */
    public static String requireCustomerId(SecurityIdentity identity) {
        return customerId(identity).orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no customer_id claim"));
    }

    public static String requirePartnerId(SecurityIdentity identity) {
        return partnerId(identity).orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no partner_id claim"));
    }

    private static Optional<String> claim(SecurityIdentity identity, String name) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }
}
