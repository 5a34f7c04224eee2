package io.waybill.events.odoo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Address;

import java.time.Instant;
import java.util.Objects;

/**
 * Data of {@code waybill.odoo.customer-synced.v1}: the customer as Odoo holds it now (full state, not a diff), so a
 * consumer that missed earlier versions is still right after the latest one.
 *
 * @param customerId   Waybill's customer id: the partner's Odoo reference ({@code ref}) when it had one the first
 *                     time the connector saw it, else {@code ODOO-<partner id>}; it never changes afterwards
 * @param odooPartnerId the commercial partner ({@code res.partner}) id
 * @param address      the partner's own address, when it is complete enough to deliver to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerSynced(
        String customerId,
        long odooPartnerId,
        String name,
        String email,
        String phone,
        boolean company,
        Address address,
        Instant syncedAt) {

    public CustomerSynced {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syncedAt, "syncedAt");
    }
}
