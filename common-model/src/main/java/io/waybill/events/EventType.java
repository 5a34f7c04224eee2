package io.waybill.events;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned event contract: its name ({@code waybill.<aggregate>.<what-happened>.v<major>}), the stream it is
 * published on (which fixes the owning service) and the record its data maps to. The JSON Schema of its data lives
 * at {@link #schemaResource()} and is checked by the catalog tests.
 */
public record EventType<T>(String name, EventStream stream, Class<T> payloadType) {

    private static final Pattern NAME = Pattern.compile("waybill\\.[a-z]+(?:-[a-z]+)*\\.[a-z]+(?:-[a-z]+)*\\.v(\\d+)");

    public EventType {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(payloadType, "payloadType");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Event type name must look like waybill.shipment.milestone-recorded.v1: " + name);
        }
    }

    public static <T> EventType<T> of(String name, EventStream stream, Class<T> payloadType) {
        return new EventType<>(name, stream, payloadType);
    }

    public String owner() {
        return stream.owner();
    }

    public int majorVersion() {
        Matcher m = NAME.matcher(name);
        m.matches();
        return Integer.parseInt(m.group(1));
    }

    /** The {@code dataschema} attribute of every event of this type. */
    public String dataschema() {
        return "urn:waybill:schema:" + name;
    }

    /** Where the JSON Schema of the data sits on the classpath. */
    public String schemaResource() {
        return "schemas/events/" + name + ".schema.json";
    }
}
