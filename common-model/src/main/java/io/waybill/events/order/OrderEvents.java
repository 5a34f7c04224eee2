package io.waybill.events.order;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by order-service on {@link EventStream#ORDERS}. */
public final class OrderEvents {

    public static final List<EventType<?>> ALL = List.of();

    private OrderEvents() {
    }
}
