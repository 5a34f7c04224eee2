package io.waybill.odoo.inbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.odoo.binding.Binding;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;

/**
 * Customers as reference data: each Odoo commercial partner gets one Waybill customer id, kept in the binding
 * table, and every newer version of it (by write_date) is published once as {@code customer-synced}.
 * Runs inside the caller's transaction.
 */
@ApplicationScoped
public class CustomerSync {

    private final Bindings bindings;
    private final Outbox outbox;
    private final Clock clock;

    public CustomerSync(Bindings bindings, Outbox outbox, Clock clock) {
        this.bindings = bindings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The Waybill customer id of this partner, binding (and announcing) it on first sight. */
    public Uni<String> customerIdOf(OdooRecord partner, Map<Long, String> countries) {
        return bindings.findByOdooId(BindingKind.CUSTOMER, partner.id()).chain(existing -> {
            if (existing.isPresent()) {
                return publishIfNewer(existing.get(), partner, countries).replaceWith(existing.get().canonicalId());
            }
            String candidate = OdooMapping.newCustomerId(partner);
            return bind(partner, candidate, countries).chain(bound -> bound
                    ? Uni.createFrom().item(candidate)
                    // The reference is taken by another partner, or a concurrent import bound this one first.
                    : bindings.findByOdooId(BindingKind.CUSTOMER, partner.id()).chain(again -> again.isPresent()
                    ? Uni.createFrom().item(again.get().canonicalId())
                    : bind(partner, "ODOO-" + partner.id(), countries).replaceWith("ODOO-" + partner.id())));
        });
    }

    /** Publishes the partner's current state if it is newer than the last one published. */
    public Uni<Boolean> sync(OdooRecord partner, Map<Long, String> countries) {
        return bindings.findByOdooId(BindingKind.CUSTOMER, partner.id()).chain(existing -> existing.isPresent()
                ? publishIfNewer(existing.get(), partner, countries)
                : customerIdOf(partner, countries).replaceWith(true));
    }

    private Uni<Boolean> bind(OdooRecord partner, String customerId, Map<Long, String> countries) {
        return bindings.bind(BindingKind.CUSTOMER, customerId, partner.id(), partner.textOrNull("write_date"), null)
                .call(bound -> bound ? publish(customerId, partner, countries) : Uni.createFrom().voidItem());
    }

    private Uni<Boolean> publishIfNewer(Binding binding, OdooRecord partner, Map<Long, String> countries) {
        String version = partner.textOrNull("write_date");
        if (version == null || (binding.odooVersion != null && version.compareTo(binding.odooVersion) <= 0)) {
            return Uni.createFrom().item(false);
        }
        return bindings.advanceVersion(BindingKind.CUSTOMER, binding.canonicalId(), binding.odooVersion, version)
                .call(advanced -> advanced ? publish(binding.canonicalId(), partner, countries) : Uni.createFrom().voidItem());
    }

    private Uni<Void> publish(String customerId, OdooRecord partner, Map<Long, String> countries) {
        return outbox.append(OdooEvents.CUSTOMER_SYNCED, customerId,
                OdooMapping.customer(partner, customerId, countries, clock.instant()),
                EventContext.start(null, customerId)).replaceWithVoid();
    }
}
