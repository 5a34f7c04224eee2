package io.waybill.foundation.events;

import io.waybill.events.EventEnvelope;

import java.util.UUID;

/**
 * Who and what an event belongs to beyond its data: the correlation id that ties every event of one business flow
 * together (one order's journey), the event that caused it, and the customer it concerns.
 */
public record EventContext(String correlationId, String causationId, String customerId) {

    /** Start of a flow: a new correlation id unless the caller brought one (e.g. an X-Correlation-Id header). */
    public static EventContext start(String correlationId, String customerId) {
        return new EventContext(
                correlationId == null || correlationId.isBlank() ? UUID.randomUUID().toString() : correlationId,
                null, customerId);
    }

    /** An event caused by handling another: same flow, same customer, caused by that event. */
    public static EventContext causedBy(EventEnvelope cause) {
        return new EventContext(
                cause.correlationid() != null ? cause.correlationid() : cause.id(),
                cause.id(), cause.customerid());
    }

    public EventContext forCustomer(String customer) {
        return new EventContext(correlationId, causationId, customer);
    }
}
