package io.waybill.events.odoo;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by odoo-connector on {@link EventStream#ODOO}. */
public final class OdooEvents {

    public static final List<EventType<?>> ALL = List.of();

    private OdooEvents() {
    }
}
