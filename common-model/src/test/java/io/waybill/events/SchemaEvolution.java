package io.waybill.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a schema is an additive evolution of its released baseline: every event valid under the release
 * must stay valid, and every property a consumer was promised must stay where it was with the type it had. So nothing
 * may be removed, narrowed or re-typed; the only changes allowed are new optional properties, new enum values and
 * loosened constraints.
 * <p>
 * Local references ({@code #/$defs/...}) are followed on both sides, so a change inside a shared definition such as
 * Money is caught wherever it is used. What cannot be compared soundly (two different regular expressions, two
 * different formats) counts as breaking: a maintainer can always choose a new major version.
 */
final class SchemaEvolution {

    private static final List<String> LOWER_BOUNDS =
            List.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties");
    private static final List<String> UPPER_BOUNDS =
            List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties");
    private static final List<String> EXACT_CONSTRAINTS = List.of("pattern", "format", "const", "multipleOf");

    private final JsonNode baselineRoot;
    private final JsonNode currentRoot;
    private final List<String> problems = new ArrayList<>();
    /** Reference pairs already being compared, so recursive definitions terminate. */
    private final Set<String> comparing = new HashSet<>();

    private SchemaEvolution(JsonNode baselineRoot, JsonNode currentRoot) {
        this.baselineRoot = baselineRoot;
        this.currentRoot = currentRoot;
    }

    static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        SchemaEvolution evolution = new SchemaEvolution(baseline, current);
        evolution.compare("$", baseline, current);
        return List.copyOf(new LinkedHashSet<>(evolution.problems));
    }

    private void compare(String path, JsonNode baselineNode, JsonNode currentNode) {
        if (currentNode == null || currentNode.isMissingNode()) {
            problems.add(path + " was removed");
            return;
        }
        String pair = refOf(baselineNode) + "|" + refOf(currentNode);
        if (!pair.equals("|") && !comparing.add(pair)) {
            return;
        }
        try {
            JsonNode baseline = resolve(path, baselineRoot, baselineNode);
            JsonNode current = resolve(path, currentRoot, currentNode);
            if (baseline == null || current == null) {
                return;
            }
            if (baseline.isBoolean() && !baseline.asBoolean()) {
                return; // nothing was allowed, so nothing released can break
            }
            if (current.isBoolean()) {
                if (!current.asBoolean()) {
                    problems.add(path + " no longer allows any value");
                }
                return;
            }
            if (baseline.isBoolean()) {
                baseline = alwaysValid();
            }
            compareTypes(path, baseline, current);
            compareEnums(path, baseline, current);
            compareConstraints(path, baseline, current);
            compareObjects(path, baseline, current);
            if (baseline.has("items") || current.has("items")) {
                compare(path + "[]", baseline.has("items") ? baseline.get("items") : alwaysValid(),
                        current.get("items"));
            }
            compareCombinators(path, baseline, current);
        } finally {
            comparing.remove(pair);
        }
    }

    private void compareTypes(String path, JsonNode baseline, JsonNode current) {
        Set<String> oldTypes = values(baseline.get("type"));
        Set<String> newTypes = values(current.get("type"));
        if (!oldTypes.equals(newTypes)) {
            problems.add(path + " changed type from " + describe(oldTypes) + " to " + describe(newTypes));
        }
    }

    private void compareEnums(String path, JsonNode baseline, JsonNode current) {
        if (!current.has("enum")) {
            return;
        }
        if (!baseline.has("enum")) {
            problems.add(path + " became restricted to " + current.get("enum"));
            return;
        }
        Set<String> newValues = values(current.get("enum"));
        for (String value : values(baseline.get("enum"))) {
            if (!newValues.contains(value)) {
                problems.add(path + " no longer allows the value " + value);
            }
        }
    }

    private void compareConstraints(String path, JsonNode baseline, JsonNode current) {
        for (String keyword : EXACT_CONSTRAINTS) {
            JsonNode now = current.get(keyword);
            if (now != null && !now.equals(baseline.get(keyword))) {
                problems.add(path + " " + keyword + " tightened from " + baseline.get(keyword) + " to " + now);
            }
        }
        for (String keyword : LOWER_BOUNDS) {
            JsonNode now = current.get(keyword);
            JsonNode was = baseline.get(keyword);
            // minLength, minItems and minProperties default to 0; the numeric minimums to no bound at all.
            BigDecimal wasBound = was != null ? was.decimalValue()
                    : keyword.startsWith("min") && !keyword.equals("minimum") ? BigDecimal.ZERO : null;
            if (now != null && (wasBound == null || now.decimalValue().compareTo(wasBound) > 0)) {
                problems.add(path + " " + keyword + " tightened from " + was + " to " + now);
            }
        }
        for (String keyword : UPPER_BOUNDS) {
            JsonNode now = current.get(keyword);
            JsonNode was = baseline.get(keyword);
            if (now != null && (was == null || now.decimalValue().compareTo(was.decimalValue()) < 0)) {
                problems.add(path + " " + keyword + " tightened from " + was + " to " + now);
            }
        }
    }

    private void compareObjects(String path, JsonNode baseline, JsonNode current) {
        JsonNode wasAdditional = baseline.has("additionalProperties") ? baseline.get("additionalProperties") : alwaysValid();
        JsonNode isAdditional = current.has("additionalProperties") ? current.get("additionalProperties") : alwaysValid();
        boolean wasClosed = wasAdditional.isBoolean() && !wasAdditional.asBoolean();
        if (!wasClosed && isAdditional.isBoolean() && !isAdditional.asBoolean()) {
            problems.add(path + " no longer allows additional properties");
        } else if (!wasClosed && isAdditional.isObject() && !isAdditional.isEmpty()) {
            compare(path + ".*", wasAdditional, isAdditional);
        }

        Set<String> wasRequired = values(baseline.get("required"));
        for (String required : values(current.get("required"))) {
            if (!wasRequired.contains(required)) {
                problems.add(path + "." + required + " became required");
            }
        }

        JsonNode oldProperties = baseline.get("properties");
        JsonNode newProperties = current.get("properties");
        if (oldProperties != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = oldProperties.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                compare(path + "." + field.getKey(), field.getValue(),
                        newProperties == null ? null : newProperties.get(field.getKey()));
            }
        }
        if (newProperties != null && wasAdditional.isObject() && wasAdditional.size() > 0) {
            // A new named property was already constrained by the released additionalProperties schema.
            Iterator<Map.Entry<String, JsonNode>> fields = newProperties.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (oldProperties == null || !oldProperties.has(field.getKey())) {
                    compare(path + "." + field.getKey(), wasAdditional, field.getValue());
                }
            }
        }
    }

    /** oneOf/anyOf branches may be added but not removed or narrowed; allOf may not gain a branch. */
    private void compareCombinators(String path, JsonNode baseline, JsonNode current) {
        for (String keyword : List.of("oneOf", "anyOf", "allOf")) {
            JsonNode was = baseline.get(keyword);
            JsonNode now = current.get(keyword);
            if (was == null && now == null) {
                continue;
            }
            if (was == null) {
                problems.add(path + " gained a " + keyword + " constraint");
                continue;
            }
            if (now == null) {
                if (!keyword.equals("allOf")) {
                    problems.add(path + " dropped its " + keyword + " branches");
                }
                continue;
            }
            if (keyword.equals("allOf") && now.size() > was.size()) {
                problems.add(path + " gained an allOf branch");
            }
            for (int i = 0; i < was.size(); i++) {
                compare(path + "<" + keyword + "[" + i + "]>", was.get(i), now.get(i));
            }
        }
    }

    /** Follows local references; a reference that leads nowhere is itself a breaking change of the current side. */
    private JsonNode resolve(String path, JsonNode root, JsonNode node) {
        JsonNode resolved = node;
        Set<String> seen = new HashSet<>();
        while (resolved != null && resolved.has("$ref")) {
            String ref = resolved.get("$ref").asText();
            if (!ref.startsWith("#") || !seen.add(ref)) {
                problems.add(path + " refers to " + ref + ", which cannot be followed");
                return null;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                problems.add(path + " refers to the missing definition " + ref);
                return null;
            }
            resolved = target;
        }
        return resolved;
    }

    private static String refOf(JsonNode node) {
        return node != null && node.has("$ref") ? node.get("$ref").asText() : "";
    }

    private static JsonNode alwaysValid() {
        return EventJson.mapper().getNodeFactory().objectNode();
    }

    private static String describe(Set<String> types) {
        return types.isEmpty() ? "any" : String.join("|", new TreeSet<>(types));
    }

    /** A keyword that takes a value or an array of values ("type": "string" or ["string", "null"]). */
    private static Set<String> values(JsonNode node) {
        Set<String> values = new HashSet<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.isTextual() ? value.asText() : value.toString()));
        } else {
            values.add(node.isTextual() ? node.asText() : node.toString());
        }
        return values;
    }
}
