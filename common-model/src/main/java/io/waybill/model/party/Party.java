package io.waybill.model.party;

import io.waybill.model.Address;
import io.waybill.model.Require;

import java.util.regex.Pattern;

/**
 * A business party: a customer (the customer id every event names), a partner or a carrier. The address is where
 * the party is billed or reached; it is optional, since a partner known only by its API client has none.
 */
public record Party(String partyId, PartyRole role, String name, String email, String phone, Address address) {

    // Deliberately loose: one @, something either side, a dot in the domain. Mail servers decide the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Party {
        Require.id(partyId, "partyId");
        Require.present(role, "role");
        Require.text(name, "name");
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("email is not an e-mail address: " + email);
        }
    }

    public static Party customer(String customerId, String name, String email, Address address) {
        return new Party(customerId, PartyRole.CUSTOMER, name, email, null, address);
    }

    public boolean isCustomer() {
        return role == PartyRole.CUSTOMER;
    }
}
