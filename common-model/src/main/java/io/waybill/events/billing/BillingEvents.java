package io.waybill.events.billing;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by billing-service on {@link EventStream#BILLING}. */
public final class BillingEvents {

    public static final List<EventType<?>> ALL = List.of();

    private BillingEvents() {
    }
}
