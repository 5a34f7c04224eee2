package io.waybill.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rendered objects against the Kubernetes API model (fabric8's generated classes), the way the API server's
 * strict field validation would, since no kube-apiserver can be obtained here:
 * <ul>
 *   <li>the apiVersion/kind pair must be a type the model knows (a typo there would otherwise pass as "generic");</li>
 *   <li>wrong types fail: no number or boolean for a string (Jackson's scalar coercion is switched off, as Go's
 *       JSON decoding has none), and no string for a number or boolean: fabric8's deserializers still accept
 *       {@code replicas: "1"}, so the typed object is written back and compared with the rendered document;</li>
 *   <li>unknown fields fail: fabric8 keeps them in {@code additionalProperties}, so every object of the tree is
 *       walked and any non-empty {@code additionalProperties} is reported with its path.</li>
 * </ul>
 * Required fields and references between objects are {@link RequiredFields}' job; custom resources the model does
 * not have (ServiceMonitor, PrometheusRule) are checked by {@link CustomResources}.
 */
final class KubernetesApiValidator {

    /** Custom resources validated structurally elsewhere, not by the model. */
    static final Set<String> CUSTOM_RESOURCES = Set.of("monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    private final KubernetesSerialization serialization;

    KubernetesApiValidator() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.serialization = new KubernetesSerialization(mapper, true);
    }

    /** One finding: which object, where in it, what is wrong. */
    record Violation(String object, String path, String problem) {
        @Override
        public String toString() {
            return object + ": " + path + ": " + problem;
        }
    }

    /** The typed object, or null when the document could not be read as one (see the violations). */
    record Result(HasMetadata object, List<Violation> violations) {
    }

    static String describe(JsonNode document) {
        return document.path("kind").asText("?") + "/" + document.path("metadata").path("name").asText("?");
    }

    static String typeOf(JsonNode document) {
        return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    }

    Result validate(JsonNode document) {
        String object = describe(document);
        List<Violation> violations = new ArrayList<>();
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            violations.add(new Violation(object, "", "apiVersion and kind are required"));
            return new Result(null, violations);
        }
        if (serialization.getRegisteredKubernetesResource(apiVersion, kind) == null) {
            violations.add(new Violation(object, "", apiVersion + " " + kind + " is not a Kubernetes API type"));
            return new Result(null, violations);
        }
        KubernetesResource resource;
        try {
            resource = serialization.convertValue(document, KubernetesResource.class);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(object, pathOf(e), "does not match the API types: " + rootMessage(e)));
            return new Result(null, violations);
        }
        if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata typed)) {
            violations.add(new Violation(object, "", "was not read as a typed Kubernetes object"));
            return new Result(null, violations);
        }
        walk(typed, "", object, violations, new IdentityHashMap<>());
        compareScalarTypes(document, serialization.convertValue(typed, JsonNode.class), "", object, violations);
        return new Result(typed, violations);
    }

    /** Where in the document Jackson gave up, e.g. spec.template.spec.containers[0].securityContext.runAsNonRoot. */
    private static String pathOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JsonMappingException.Reference reference : mapping.getPath()) {
                    if (reference.getFieldName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.toString();
            }
        }
        return "";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        // Jackson appends the whole source location; the first line says what is wrong and where.
        return message == null ? cause.toString() : message.lines().findFirst().orElse(message);
    }

    /**
     * Rendered text that the model read as a number or boolean: the API server's decoder would refuse it. (The
     * opposite, a number where the model wants text, already fails in Jackson; quantities and int-or-string fields
     * accept both and are read back in the form they were written.)
     */
    private static void compareScalarTypes(JsonNode rendered, JsonNode typed, String path, String object,
            List<Violation> violations) {
        if (rendered.isObject() && typed.isObject()) {
            rendered.properties().forEach(field -> {
                if (typed.has(field.getKey())) {
                    compareScalarTypes(field.getValue(), typed.get(field.getKey()), join(path, field.getKey()), object,
                            violations);
                }
            });
        } else if (rendered.isArray() && typed.isArray() && rendered.size() == typed.size()) {
            for (int i = 0; i < rendered.size(); i++) {
                compareScalarTypes(rendered.get(i), typed.get(i), path + "[" + i + "]", object, violations);
            }
        } else if (rendered.isTextual() && (typed.isNumber() || typed.isBoolean())) {
            violations.add(new Violation(object, path, "is the string " + rendered + " where the API wants a "
                    + (typed.isNumber() ? "number" : "boolean")));
        }
    }

    /** Depth-first over the model objects, reporting any field the model did not recognise. */
    private static void walk(Object node, String path, String object, List<Violation> violations,
            IdentityHashMap<Object, Boolean> seen) {
        if (node == null || isLeaf(node) || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int index = 0;
            for (Object item : collection) {
                walk(item, path + "[" + index++ + "]", object, violations, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "[" + entry.getKey() + "]", object, violations, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (value == null) {
                    continue;
                }
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                        for (Object key : unknown.keySet()) {
                            violations.add(new Violation(object, join(path, String.valueOf(key)),
                                    "unknown field (not in the " + node.getClass().getSimpleName() + " API type)"));
                        }
                    }
                    continue;
                }
                walk(value, join(path, jsonName(field)), object, violations, seen);
            }
        }
    }

    private static boolean isLeaf(Object node) {
        return node instanceof CharSequence || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || node instanceof Character || node.getClass().isPrimitive();
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }

    private static String jsonName(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
