package io.waybill.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Events are read and written with Jackson through {@link EventType#payloadType()}, which a native executable can
 * only do for classes registered for reflection: nothing in a REST signature tells Quarkus about them. The
 * registration is common-model's {@code META-INF/native-image/.../reflect-config.json}, which GraalVM reads from any
 * jar on the image's class path; this test keeps it equal to every Waybill type an event can contain, so a new
 * event or field cannot silently break the native build.
 */
class EveryEventTypeIsReadyForNativeReflectionTest {

    private static final String CONFIG = "/META-INF/native-image/io.waybill/common-model/reflect-config.json";

    @Test
    void theReflectionConfigurationListsExactlyTheTypesEventsAreMadeOf() throws IOException {
        Set<String> needed = new TreeSet<>();
        needed.add(EventEnvelope.class.getName());
        EventCatalog.all().forEach(type -> collect(type.payloadType(), needed));

        JsonNode config;
        try (InputStream in = getClass().getResourceAsStream(CONFIG)) {
            assertNotNull(in, CONFIG + " is missing");
            config = new ObjectMapper().readTree(in);
        }
        Set<String> registered = StreamSupport.stream(config.spliterator(), false)
                .map(entry -> entry.path("name").asText()).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(needed, registered, () -> "Update " + CONFIG + "; needed but missing: "
                + needed.stream().filter(n -> !registered.contains(n)).toList()
                + ", registered but unused: " + registered.stream().filter(n -> !needed.contains(n)).toList());
        for (JsonNode entry : config) {
            assertEquals(true, entry.path("allDeclaredConstructors").asBoolean()
                    && entry.path("allDeclaredMethods").asBoolean() && entry.path("allDeclaredFields").asBoolean(),
                    entry + " must open constructors, methods and fields to Jackson");
        }
    }

    /** The Waybill classes a type is made of: itself, its record components, their type arguments, recursively. */
    private static void collect(Type type, Set<String> into) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), into);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, into);
            }
            return;
        }
        if (!(type instanceof Class<?> clazz)) {
            return;
        }
        if (clazz.isArray()) {
            collect(clazz.getComponentType(), into);
            return;
        }
        if (!clazz.getName().startsWith("io.waybill.") || !into.add(clazz.getName())) {
            return;
        }
        if (clazz.isRecord()) {
            for (RecordComponent component : clazz.getRecordComponents()) {
                collect(component.getGenericType(), into);
            }
        }
    }
}
