package io.waybill.events.shipment;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by shipment-service on {@link EventStream#SHIPMENTS}. */
public final class ShipmentEvents {

    public static final List<EventType<?>> ALL = List.of();

    private ShipmentEvents() {
    }
}
