package io.waybill.odoo.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One method call on one Odoo model, independent of the API that carries it.
 * <p>
 * Arguments are named, as JSON-2 requires. JSON-RPC's {@code execute_kw} takes {@code [ids?, positional...]} and
 * keyword arguments; {@link #positional} lists, in order, the arguments it passes by position (the method's
 * required ones such as {@code domain} or {@code vals}), everything else goes as keywords. Both encodings call the
 * same Python method with the same values.
 *
 * @param ids     the records a record-level method runs on; {@code null} for a model-level method such as
 *                {@code create} or {@code search_read} (JSON-2 refuses {@code ids} there with 422)
 * @param context Odoo context keys, e.g. {@code skip_sms}; empty for none
 */
public record OdooCall(
        String model,
        String method,
        List<Long> ids,
        Map<String, Object> positional,
        Map<String, Object> keywords,
        Map<String, Object> context) {

    public OdooCall {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        ids = ids == null ? null : List.copyOf(ids);
        positional = positional == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(positional));
        keywords = keywords == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(context));
        if (ids != null) {
            for (Long id : ids) {
                // read([0]) is an SQL error on 17 and a phantom record on 19: an id below 1 is always our bug.
                if (id == null || id < 1) {
                    throw new IllegalArgumentException("Odoo record ids start at 1, got " + id + " for " + model + "." + method);
                }
            }
        }
    }

    public static Builder on(String model, String method) {
        return new Builder(model, method);
    }

    public String describe() {
        return model + "." + method + (ids == null ? "" : ids.toString());
    }

    public static final class Builder {
        private final String model;
        private final String method;
        private List<Long> ids;
        private final Map<String, Object> positional = new LinkedHashMap<>();
        private final Map<String, Object> keywords = new LinkedHashMap<>();
        private final Map<String, Object> context = new LinkedHashMap<>();

        private Builder(String model, String method) {
            this.model = model;
            this.method = method;
        }

        public Builder ids(Collection<Long> recordIds) {
            this.ids = List.copyOf(recordIds);
            return this;
        }

        public Builder positional(String name, Object value) {
            positional.put(name, value);
            return this;
        }

        /** A keyword argument; {@code null} values are left out so Odoo applies its default. */
        public Builder keyword(String name, Object value) {
            if (value != null) {
                keywords.put(name, value);
            }
            return this;
        }

        public Builder context(Map<String, ?> values) {
            if (values != null) {
                context.putAll(values);
            }
            return this;
        }

        public OdooCall build() {
            return new OdooCall(model, method, ids, positional, keywords, context);
        }
    }
}
