package io.waybill.partners.onboarding;

import io.waybill.foundation.security.Scopes;

import java.util.List;

/**
 * What kind of partner an organisation is, and therefore exactly which scopes its client gets: no more than the
 * job needs. Changing a role's scopes here changes what newly issued clients receive.
 */
public enum PartnerRole {

    /** Posts tracking webhooks for its shipments. */
    CARRIER(List.of(Scopes.SHIPMENTS_TRACKING_WRITE)),
    /** A 3PL over REST: stock adjustments, fulfilment confirmations, reads the orders it fulfils. */
    REST_3PL(List.of(Scopes.INVENTORY_ADJUST, Scopes.FULFILMENT_WRITE, Scopes.ORDERS_READ)),
    /** A 3PL exchanging files: stock adjustments and fulfilment confirmations. */
    FILE_3PL(List.of(Scopes.INVENTORY_ADJUST, Scopes.FULFILMENT_WRITE)),
    /** A sales channel (web shop, marketplace): submits orders, reads them and stock availability. */
    SALES_CHANNEL(List.of(Scopes.ORDERS_WRITE, Scopes.ORDERS_READ, Scopes.INVENTORY_READ));

    private final List<String> scopes;

    PartnerRole(List<String> scopes) {
        this.scopes = scopes;
    }

    public List<String> scopes() {
        return scopes;
    }
}
