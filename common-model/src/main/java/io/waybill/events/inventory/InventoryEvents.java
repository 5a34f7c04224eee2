package io.waybill.events.inventory;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by inventory-service on {@link EventStream#INVENTORY}. */
public final class InventoryEvents {

    public static final List<EventType<?>> ALL = List.of();

    private InventoryEvents() {
    }
}
