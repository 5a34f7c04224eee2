package io.waybill.events;

import io.waybill.events.billing.BillingEvents;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.portal.PortalEvents;
import io.waybill.events.shipment.ShipmentEvents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type Waybill can publish. The outbox only accepts an {@link EventType}, and every type is declared in
 * one of the per-domain classes listed here, so this list is exactly what the code can publish; the catalog tests
 * validate an example of each against its JSON Schema and keep schemas additive within a major version.
 */
public final class EventCatalog {

    private static final Map<String, EventType<?>> BY_NAME;

    static {
        List<EventType<?>> all = new ArrayList<>();
        all.addAll(OrderEvents.ALL);
        all.addAll(InventoryEvents.ALL);
        all.addAll(ShipmentEvents.ALL);
        all.addAll(BillingEvents.ALL);
        all.addAll(OdooEvents.ALL);
        all.addAll(PortalEvents.ALL);
        Map<String, EventType<?>> byName = new LinkedHashMap<>();
        for (EventType<?> type : all) {
            if (byName.put(type.name(), type) != null) {
                throw new IllegalStateException("Event type declared twice: " + type.name());
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
