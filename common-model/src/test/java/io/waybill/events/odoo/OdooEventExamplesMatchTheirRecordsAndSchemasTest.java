package io.waybill.events.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Odoo event's example reads into its payload record, and what the record writes back still satisfies the
 * schema: the record, the schema and the example cannot drift apart unnoticed.
 */
class OdooEventExamplesMatchTheirRecordsAndSchemasTest {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @TestFactory
    Stream<DynamicTest> everyOdooEventRoundTripsThroughItsRecordAndSchema() {
        assertEquals(5, OdooEvents.ALL.size(), "odoo-connector publishes five event types");
        return OdooEvents.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> roundTrip(type)));
    }

    private static void roundTrip(EventType<?> type) throws IOException {
        JsonNode example = read("event-examples/" + type.name() + ".json");
        JsonSchema schema = SCHEMAS.getSchema(read(type.schemaResource()));
        assertValid(schema, example, "example");
        Object payload = EventJson.convert(example, type.payloadType());
        assertValid(schema, EventJson.toTree(payload), "record written back");
    }

    private static void assertValid(JsonSchema schema, JsonNode json, String what) {
        Set<ValidationMessage> errors = schema.validate(json);
        assertTrue(errors.isEmpty(), what + " violates the schema: " + errors);
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = OdooEventExamplesMatchTheirRecordsAndSchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing");
            return EventJson.mapper().readTree(in);
        }
    }
}
