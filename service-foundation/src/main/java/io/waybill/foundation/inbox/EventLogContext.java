package io.waybill.foundation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.events.EventEnvelope;
import org.jboss.logging.MDC;

/**
 * Puts what an SRE searches logs by into the logging context of the event being handled: the correlation id that
 * ties one order's events together, the event's id and type, and the order and shipment it is about. Every line the
 * handler logs carries them (JSON logs show them under {@code mdc}, beside the trace id OpenTelemetry adds).
 * <p>
 * Only identifiers, never the payload: names and addresses stay out of the logs. Quarkus keeps the MDC on the
 * message's duplicated Vert.x context, so the values follow the handler across its asynchronous steps and do not leak
 * into the handling of another message.
 */
final class EventLogContext {

    static final String CORRELATION_ID = "correlationId";
    static final String EVENT_ID = "eventId";
    static final String EVENT_TYPE = "eventType";
    static final String ORDER_ID = "orderId";
    static final String SHIPMENT_ID = "shipmentId";

    private EventLogContext() {
    }

    static void enter(EventEnvelope event) {
        put(CORRELATION_ID, event.correlationid());
        put(EVENT_ID, event.id());
        put(EVENT_TYPE, event.type());
        put(ORDER_ID, identifier(event.data(), ORDER_ID));
        put(SHIPMENT_ID, identifier(event.data(), SHIPMENT_ID));
    }

    private static String identifier(JsonNode data, String field) {
        if (data == null || !data.path(field).isTextual()) {
            return null;
        }
        return data.path(field).asText();
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
