package io.waybill.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Each kind of change a consumer of a released schema would trip over is reported, and a pure addition is not. The
 * released schema below is shaped like the real ones: a shared Money definition reached through {@code $ref}.
 */
class SchemaEvolutionTest {

    private static final String RELEASED = """
            {"type":"object","required":["shipmentId","fee"],"properties":{
              "shipmentId":{"type":"string","minLength":1,"maxLength":64},
              "trackingNumber":{"type":"string","pattern":"^[A-Z0-9]+$"},
              "occurredAt":{"type":"string","format":"date-time"},
              "milestone":{"enum":["PICKED_UP","DELIVERED"]},
              "pieces":{"type":"integer","minimum":1,"maximum":99},
              "tags":{"type":"array","items":{"type":"string"},"maxItems":10},
              "note":{"type":["string","null"]},
              "fee":{"$ref":"#/$defs/Money"}},
             "$defs":{"Money":{"type":"object","required":["amount"],"properties":{
              "amount":{"type":"string","pattern":"^-?[0-9]+(\\\\.[0-9]+)?$"},
              "currency":{"type":"string","minLength":3,"maxLength":3}}}}}""";

    @Test
    void addingAnOptionalFieldIsAdditive() {
        assertEquals(List.of(), changes(r -> r.replace("\"note\":", "\"signer\":{\"type\":\"string\"},\"note\":")));
    }

    @Test
    void addingAnEnumValueAndLooseningBoundsIsAdditive() {
        assertEquals(List.of(), changes(r -> r
                .replace("[\"PICKED_UP\",\"DELIVERED\"]", "[\"PICKED_UP\",\"DELIVERED\",\"EXCEPTION\"]")
                .replace("\"maximum\":99", "\"maximum\":999")
                .replace("\"minLength\":1,", "")
                .replace("\"pattern\":\"^[A-Z0-9]+$\"", "\"minLength\":0")));
    }

    @Test
    void theUnchangedReleaseIsAdditive() {
        assertEquals(List.of(), SchemaEvolution.breakingChanges(json(RELEASED), json(RELEASED)));
    }

    @Test
    void removingAFieldBreaks() {
        assertEquals(List.of("$.occurredAt was removed"),
                changes(r -> r.replace("\"occurredAt\":{\"type\":\"string\",\"format\":\"date-time\"},", "")));
    }

    @Test
    void makingAFieldRequiredBreaks() {
        assertEquals(List.of("$.occurredAt became required"),
                changes(r -> r.replace("[\"shipmentId\",\"fee\"]", "[\"shipmentId\",\"fee\",\"occurredAt\"]")));
    }

    @Test
    void changingATypeBreaks() {
        assertEquals(List.of("$.pieces changed type from integer to string"),
                changes(r -> r.replace("\"type\":\"integer\"", "\"type\":\"string\"")));
    }

    @Test
    void droppingNullFromATypeBreaks() {
        assertEquals(List.of("$.note changed type from null|string to string"),
                changes(r -> r.replace("[\"string\",\"null\"]", "\"string\"")));
    }

    @Test
    void removingAnEnumValueBreaks() {
        assertEquals(List.of("$.milestone no longer allows the value DELIVERED"),
                changes(r -> r.replace("[\"PICKED_UP\",\"DELIVERED\"]", "[\"PICKED_UP\"]")));
    }

    @Test
    void restrictingAFreeFieldToAnEnumBreaks() {
        assertEquals(List.of("$.shipmentId became restricted to [\"S1\"]"),
                changes(r -> r.replace("\"maxLength\":64}", "\"maxLength\":64,\"enum\":[\"S1\"]}")));
    }

    @Test
    void changingAPatternBreaks() {
        assertEquals(List.of("$.trackingNumber pattern tightened from \"^[A-Z0-9]+$\" to \"^[A-Z]+$\""),
                changes(r -> r.replace("^[A-Z0-9]+$", "^[A-Z]+$")));
    }

    @Test
    void addingAPatternBreaks() {
        assertEquals(List.of("$.shipmentId pattern tightened from null to \"^S\""),
                changes(r -> r.replace("\"maxLength\":64}", "\"maxLength\":64,\"pattern\":\"^S\"}")));
    }

    @Test
    void changingAFormatBreaks() {
        assertEquals(List.of("$.occurredAt format tightened from \"date-time\" to \"date\""),
                changes(r -> r.replace("\"date-time\"", "\"date\"")));
    }

    @Test
    void raisingAMinimumBreaks() {
        assertEquals(List.of("$.pieces minimum tightened from 1 to 2"),
                changes(r -> r.replace("\"minimum\":1", "\"minimum\":2")));
    }

    @Test
    void loweringAMaximumBreaks() {
        assertEquals(List.of("$.pieces maximum tightened from 99 to 98"),
                changes(r -> r.replace("\"maximum\":99", "\"maximum\":98")));
    }

    @Test
    void tighteningLengthAndItemBoundsBreaks() {
        assertEquals(Set.of("$.shipmentId minLength tightened from 1 to 2",
                        "$.shipmentId maxLength tightened from 64 to 32",
                        "$.tags maxItems tightened from 10 to 5",
                        "$.tags minItems tightened from null to 1"),
                changeSet(r -> r.replace("\"minLength\":1,\"maxLength\":64", "\"minLength\":2,\"maxLength\":32")
                        .replace("\"maxItems\":10", "\"maxItems\":5,\"minItems\":1")));
    }

    @Test
    void closingAnObjectToAdditionalPropertiesBreaks() {
        assertEquals(List.of("$ no longer allows additional properties"),
                changes(r -> r.replaceFirst("\\{\"type\":\"object\",", "{\"type\":\"object\",\"additionalProperties\":false,")));
    }

    @Test
    void constrainingAdditionalPropertiesBreaks() {
        assertEquals(List.of("$.* changed type from any to string"),
                changes(r -> r.replaceFirst("\\{\"type\":\"object\",",
                        "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},")));
    }

    @Test
    void aBreakingChangeInsideAReferencedDefinitionIsCaught() {
        assertEquals(Set.of("$.fee.currency pattern tightened from null to \"^[A-Z]{3}$\"",
                        "$.fee.currency became required"),
                changeSet(r -> r.replace("\"minLength\":3,\"maxLength\":3}", "\"minLength\":3,\"maxLength\":3,\"pattern\":\"^[A-Z]{3}$\"}")
                        .replace("\"required\":[\"amount\"]", "\"required\":[\"amount\",\"currency\"]")));
    }

    @Test
    void inliningAReferencedDefinitionUnchangedIsAdditive() {
        String inlined = RELEASED.replace("{\"$ref\":\"#/$defs/Money\"}", """
                {"type":"object","required":["amount"],"properties":{
                  "amount":{"type":"string","pattern":"^-?[0-9]+(\\\\.[0-9]+)?$"},
                  "currency":{"type":"string","minLength":3,"maxLength":3}}}""");
        assertEquals(List.of(), SchemaEvolution.breakingChanges(json(RELEASED), json(inlined)));
    }

    @Test
    void aReferenceToAMissingDefinitionBreaks() {
        assertEquals(List.of("$.fee refers to the missing definition #/$defs/Amount"),
                changes(r -> r.replace("#/$defs/Money", "#/$defs/Amount")));
    }

    @Test
    void removingAnAlternativeOfOneOfBreaks() {
        String released = """
                {"type":"object","properties":{"due":{"oneOf":[{"type":"string"},{"type":"null"}]}}}""";
        String current = """
                {"type":"object","properties":{"due":{"oneOf":[{"type":"string"}]}}}""";
        assertEquals(List.of("$.due<oneOf[1]> was removed"), SchemaEvolution.breakingChanges(json(released), json(current)));
    }

    /** The breaking changes an edit of the released schema makes; an edit that matches nothing fails the test. */
    private static List<String> changes(UnaryOperator<String> edit) {
        String current = edit.apply(RELEASED);
        assertNotEquals(RELEASED, current, "the edit did not apply");
        return SchemaEvolution.breakingChanges(json(RELEASED), json(current));
    }

    private static Set<String> changeSet(UnaryOperator<String> edit) {
        List<String> changes = changes(edit);
        assertEquals(changes.size(), Set.copyOf(changes).size(), "reported twice: " + changes);
        return Set.copyOf(changes);
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
