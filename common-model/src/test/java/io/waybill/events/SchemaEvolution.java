package io.waybill.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a schema is an additive evolution of its released baseline: a consumer written against the
 * baseline must still read every event valid under the new schema. So no property disappears or changes type, no
 * property becomes required that was optional, and no object closes itself to additional properties.
 */
final class SchemaEvolution {

    private SchemaEvolution() {
    }

    static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", baseline, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode baseline, JsonNode current, List<String> problems) {
        if (current == null || current.isMissingNode()) {
            problems.add(path + " was removed");
            return;
        }
        JsonNode oldType = baseline.get("type");
        JsonNode newType = current.get("type");
        if (oldType != null && !oldType.equals(newType)) {
            problems.add(path + " changed type from " + oldType + " to " + newType);
        }
        boolean wasOpen = !baseline.has("additionalProperties") || baseline.get("additionalProperties").asBoolean(true);
        boolean isOpen = !current.has("additionalProperties") || current.get("additionalProperties").asBoolean(true);
        if (wasOpen && !isOpen) {
            problems.add(path + " no longer allows additional properties");
        }
        Set<String> wasRequired = names(baseline.get("required"));
        for (String required : names(current.get("required"))) {
            if (!wasRequired.contains(required)) {
                problems.add(path + "." + required + " became required");
            }
        }
        JsonNode oldProperties = baseline.get("properties");
        if (oldProperties != null) {
            JsonNode newProperties = current.get("properties");
            Iterator<Map.Entry<String, JsonNode>> fields = oldProperties.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                compare(path + "." + field.getKey(), field.getValue(),
                        newProperties == null ? null : newProperties.get(field.getKey()), problems);
            }
        }
        if (baseline.has("items")) {
            compare(path + "[]", baseline.get("items"), current.get("items"), problems);
        }
        if (baseline.has("enum")) {
            Set<String> newValues = names(current.get("enum"));
            for (String value : names(baseline.get("enum"))) {
                if (!newValues.contains(value)) {
                    problems.add(path + " no longer allows the value " + value);
                }
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        if (array != null) {
            array.forEach(node -> names.add(node.asText()));
        }
        return names;
    }
}
