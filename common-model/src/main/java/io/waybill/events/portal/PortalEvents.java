package io.waybill.events.portal;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by portal-api on {@link EventStream#PORTAL}: what customers ask for through the portal. */
public final class PortalEvents {

    /**
     * A customer asked to send goods of a delivered order back. shipment-service authorizes the return (label,
     * return shipment) and order-service follows it; the portal only records the request.
     */
    public static final EventType<ReturnRequested> RETURN_REQUESTED =
            EventType.of("waybill.portal.return-requested.v1", EventStream.PORTAL, ReturnRequested.class);

    public static final List<EventType<?>> ALL = List.of(RETURN_REQUESTED);

    private PortalEvents() {
    }
}
