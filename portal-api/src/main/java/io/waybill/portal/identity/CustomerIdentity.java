package io.waybill.portal.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.foundation.security.Claims;
import jakarta.enterprise.context.RequestScoped;

/**
 * The customer the caller acts for, from the {@code customer_id} claim of their token. Every portal query is
 * scoped by it; a customer token without the claim is refused (403), never answered with everyone's data.
 */
@RequestScoped
public class CustomerIdentity {

    private final SecurityIdentity identity;

    public CustomerIdentity(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String customerId() {
        return Claims.requireCustomerId(identity);
    }
}
