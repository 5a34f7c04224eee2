package io.waybill.odoo.inbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Products as reference data, keyed by SKU (Odoo's internal reference). Each newer version (by write_date) is
 * published once as {@code product-synced}. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class ProductSync {

    static final java.util.List<String> FIELDS = java.util.List.of("default_code", "name", "barcode", "weight", "active",
            "write_date");

    private final Bindings bindings;
    private final Outbox outbox;
    private final Clock clock;

    public ProductSync(Bindings bindings, Outbox outbox, Clock clock) {
        this.bindings = bindings;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Boolean> sync(OdooRecord product) {
        String sku = product.textOrNull("default_code");
        if (sku == null) {
            return Uni.createFrom().item(false); // Waybill cannot name a product without a SKU
        }
        String version = product.textOrNull("write_date");
        return bindings.find(BindingKind.PRODUCT, sku).chain(existing -> {
            if (existing.isEmpty()) {
                return bindings.bind(BindingKind.PRODUCT, sku, product.id(), version, null)
                        .call(bound -> bound ? publish(product) : Uni.createFrom().voidItem());
            }
            if (version == null || (existing.get().odooVersion != null && version.compareTo(existing.get().odooVersion) <= 0)) {
                return Uni.createFrom().item(false);
            }
            return bindings.advanceVersion(BindingKind.PRODUCT, sku, existing.get().odooVersion, version)
                    .call(advanced -> advanced ? publish(product) : Uni.createFrom().voidItem());
        });
    }

    private Uni<Void> publish(OdooRecord product) {
        return outbox.append(OdooEvents.PRODUCT_SYNCED, product.textOrNull("default_code"),
                OdooMapping.product(product, clock.instant()), EventContext.start(null, null)).replaceWithVoid();
    }
}
