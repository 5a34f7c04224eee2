package io.waybill.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event catalog is the contract between services. Every type the code can publish (the outbox only takes
 * catalog types) has a JSON Schema and an example; the example survives the trip through its payload record and
 * what the record writes validates against the schema; and released schemas only grow additively.
 */
class EventCatalogTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void theCatalogIsNotEmptyAndNamesCarryTheirMajorVersion() {
        assertFalse(EventCatalog.all().isEmpty(), "no event types declared");
        for (EventType<?> type : EventCatalog.all()) {
            assertTrue(type.name().endsWith(".v" + type.majorVersion()), type.name());
            String aggregate = type.name().split("\\.")[1];
            assertTrue(type.stream().address().startsWith("waybill."), type.name());
            assertFalse(aggregate.isBlank(), type.name());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPublishableEventValidatesAgainstItsSchema() {
        return EventCatalog.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonSchema schema = schemaOf(type);
            JsonNode example = read("event-examples/" + type.name() + ".json");
            assertNotNull(example, "missing example src/test/resources/event-examples/" + type.name() + ".json");
            assertValid(schema, example, "the example");

            // What the code would publish: the example read into the payload record and written out again.
            Object payload = EventJson.convert(example, type.payloadType());
            JsonNode published = EventJson.toTree(payload);
            assertValid(schema, published, "the payload record's JSON");
        }));
    }

    @Test
    void everyCatalogTypeHasAReleasedBaseline() throws IOException, URISyntaxException {
        Set<String> released = new TreeSet<>();
        baselines().forEach(p -> released.add(p.getFileName().toString().replace(".schema.json", "")));
        Set<String> missing = new TreeSet<>();
        EventCatalog.all().forEach(type -> {
            if (!released.contains(type.name())) {
                missing.add(type.name());
            }
        });
        assertEquals(Set.of(), missing, "copy each new type's schema into src/test/resources/schema-baseline/ "
                + "(see its README) so its later changes are checked");
    }

    @TestFactory
    Stream<DynamicTest> releasedSchemasOnlyChangeAdditivelyWithinTheirVersion() throws IOException, URISyntaxException {
        List<Path> baselines = baselines();
        assertFalse(baselines.isEmpty(), "no released schemas in schema-baseline: this check would prove nothing");
        return baselines.stream().map(baseline -> DynamicTest.dynamicTest(baseline.getFileName().toString(), () -> {
            String name = baseline.getFileName().toString().replace(".schema.json", "");
            assertTrue(EventCatalog.find(name).isPresent(),
                    name + " was released and may not disappear within its major version");
            JsonNode released = EventJson.mapper().readTree(baseline.toFile());
            JsonNode current = read(EventCatalog.find(name).get().schemaResource());
            assertEquals(List.of(), SchemaEvolution.breakingChanges(released, current),
                    name + ": a breaking change needs a new major version (" + name.replaceAll("\\.v\\d+$", "") + ".v"
                            + (EventCatalog.find(name).get().majorVersion() + 1) + ")");
        }));
    }

    private List<Path> baselines() throws IOException, URISyntaxException {
        URL baselineDir = getClass().getClassLoader().getResource("schema-baseline");
        assertNotNull(baselineDir, "schema-baseline directory missing");
        try (Stream<Path> files = Files.list(Path.of(baselineDir.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".schema.json")).sorted().toList();
        }
    }

    private static JsonSchema schemaOf(EventType<?> type) {
        try (InputStream in = EventCatalogTest.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertNotNull(in, "missing schema " + type.schemaResource());
            return FACTORY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = EventCatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertValid(JsonSchema schema, JsonNode json, String what) {
        Set<ValidationMessage> errors = schema.validate(json);
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.getMessage()));
        assertEquals(List.of(), messages, what + " does not match its schema: " + json);
    }
}
