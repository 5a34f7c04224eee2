package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;

/** Odoo domains as far as the connector uses them: a list of {@code [field, operator, value]} leaves, all ANDed. */
final class StubDomain {

    private StubDomain() {
    }

    static boolean matches(ObjectNode row, JsonNode domain, ObjectNode schema) {
        if (domain == null || domain.isMissingNode() || domain.isNull()) {
            return true;
        }
        for (JsonNode leaf : domain) {
            if (leaf.isTextual()) {
                if (leaf.asText().equals("&")) {
                    continue; // explicit AND is the default
                }
                throw new StubFault(StubFault.Kind.VALUE, "Domain operator not in the stub: " + leaf);
            }
            String field = leaf.get(0).asText();
            if (schema != null && !schema.has(field) && !field.equals("id")) {
                throw new StubFault(StubFault.Kind.VALUE, "Invalid field " + field + " in leaf " + leaf);
            }
            if (!test(comparable(row.get(field)), leaf.get(1).asText(), leaf.get(2))) {
                return false;
            }
        }
        return true;
    }

    /** A many2one reads as [id, name] but compares by id; a missing field is false. */
    private static JsonNode comparable(JsonNode value) {
        if (value == null) {
            return com.fasterxml.jackson.databind.node.BooleanNode.FALSE;
        }
        if (value.isArray() && value.size() == 2 && value.get(0).isIntegralNumber() && value.get(1).isTextual()) {
            return value.get(0);
        }
        return value;
    }

    private static boolean test(JsonNode actual, String operator, JsonNode expected) {
        return switch (operator) {
            case "=" -> same(actual, expected);
            case "!=" -> !same(actual, expected);
            case "in" -> contains(expected, actual);
            case "not in" -> !contains(expected, actual);
            case ">" -> compare(actual, expected) > 0;
            case ">=" -> compare(actual, expected) >= 0;
            case "<" -> compare(actual, expected) < 0;
            case "<=" -> compare(actual, expected) <= 0;
            case "ilike" -> actual.isTextual() && actual.asText().toLowerCase().contains(expected.asText().toLowerCase());
            default -> throw new StubFault(StubFault.Kind.VALUE, "Operator not in the stub: " + operator);
        };
    }

    private static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        if (actual.isArray()) { // x2many = id: contains
            return contains(actual, expected);
        }
        return actual.equals(expected);
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (same(value, item)) {
                return true;
            }
        }
        return false;
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual()) {
            return a.asText().compareTo(b.asText()); // Odoo datetimes sort as text
        }
        return a.isBoolean() ? -1 : 1; // false (empty) sorts first
    }

    static Comparator<ObjectNode> ordering(String order) {
        Comparator<ObjectNode> result = null;
        for (String part : order.split(",")) {
            String[] words = part.trim().split("\\s+");
            String field = words[0];
            Comparator<ObjectNode> c = (x, y) -> compare(comparable(x.get(field)), comparable(y.get(field)));
            if (words.length > 1 && words[1].equalsIgnoreCase("desc")) {
                c = c.reversed();
            }
            result = result == null ? c : result.thenComparing(c);
        }
        return result;
    }
}
