package io.waybill.model;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** The checks the canonical records make on construction, worded once so every refusal reads the same. */
public final class Require {

    private Require() {
    }

    /** Non-null, not blank, and without surrounding whitespace (an id with a trailing space is a different id). */
    public static String id(String value, String field) {
        text(value, field);
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(field + " must not start or end with whitespace: '" + value + "'");
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, field + " is required");
    }

    /** A non-empty list, copied so the record stays immutable. */
    public static <T> List<T> nonEmpty(List<T> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " must not contain null");
        }
        return List.copyOf(values);
    }

    public static <T, K> void unique(Collection<T> values, Function<T, K> key, String field) {
        Set<K> seen = new HashSet<>();
        for (T value : values) {
            if (!seen.add(key.apply(value))) {
                throw new IllegalArgumentException(field + " repeats " + key.apply(value));
            }
        }
    }
}
