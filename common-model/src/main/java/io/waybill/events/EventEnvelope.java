package io.waybill.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON form, as it travels between Waybill services.
 * <p>
 * The extension attributes {@code correlationid}, {@code causationid} and {@code customerid} follow
 * CloudEvents' naming rule (lower-case letters and digits only) so that any CloudEvents tooling reads them.
 * {@code customerid} lets consumers such as the portal scope an event to one customer without opening its data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String dataschema,
        String datacontenttype,
        String correlationid,
        String causationid,
        String customerid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (specversion == null) {
            specversion = SPEC_VERSION;
        }
        if (datacontenttype == null) {
            datacontenttype = JSON;
        }
    }

    /** The payload read as the record its event type declares. */
    public <T> T dataAs(EventType<T> eventType) {
        if (!eventType.name().equals(type)) {
            throw new IllegalArgumentException("Event " + id + " is a " + type + ", not a " + eventType.name());
        }
        return EventJson.convert(data, eventType.payloadType());
    }

    public boolean is(EventType<?> eventType) {
        return eventType.name().equals(type);
    }
}
