package io.waybill.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.waybill.k8s.KubernetesApiValidator.Violation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Prometheus Operator resources are not in fabric8's core model, so the structure this chart relies on is
 * checked here explicitly, against the monitoring.coreos.com/v1 CRD schemas: known fields only (at the levels the
 * chart writes), required fields present, the right JSON types, and the references to the chart's Services.
 */
final class CustomResources {

    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
    private static final Set<String> SERVICE_MONITOR_SPEC = Set.of("selector", "namespaceSelector", "endpoints",
            "jobLabel", "targetLabels", "podTargetLabels", "sampleLimit");
    private static final Set<String> ENDPOINT = Set.of("port", "targetPort", "path", "scheme", "interval",
            "scrapeTimeout", "relabelings", "metricRelabelings", "honorLabels", "honorTimestamps", "params",
            "tlsConfig", "bearerTokenSecret", "authorization", "basicAuth", "oauth2", "followRedirects");
    private static final Set<String> RELABELING = Set.of("sourceLabels", "separator", "targetLabel", "regex",
            "modulus", "replacement", "action");
    private static final Set<String> RULE_GROUP = Set.of("name", "interval", "rules", "limit",
            "partial_response_strategy", "query_offset", "labels");
    private static final Set<String> RULE = Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private final String object;
    private final List<Violation> violations = new ArrayList<>();

    private CustomResources(JsonNode document) {
        this.object = KubernetesApiValidator.describe(document);
    }

    static List<Violation> check(JsonNode document, List<HasMetadata> typedObjects) {
        CustomResources check = new CustomResources(document);
        check.onlyFields(document, "", Set.of("apiVersion", "kind", "metadata", "spec"));
        check.onlyFields(document.path("metadata"), "metadata", METADATA);
        check.text(document.path("metadata").path("name"), "metadata.name");
        switch (document.path("kind").asText()) {
            case "ServiceMonitor" -> check.serviceMonitor(document.path("spec"), typedObjects);
            case "PrometheusRule" -> check.prometheusRule(document.path("spec"));
            default -> check.fail("", "no structural checks for " + KubernetesApiValidator.typeOf(document));
        }
        return check.violations;
    }

    private void serviceMonitor(JsonNode spec, List<HasMetadata> typedObjects) {
        onlyFields(spec, "spec", SERVICE_MONITOR_SPEC);
        JsonNode matchLabels = spec.path("selector").path("matchLabels");
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            fail("spec.selector.matchLabels", "is required (an empty selector would scrape every Service)");
            return;
        }
        List<Service> selected = typedObjects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> {
                    var labels = s.getMetadata().getLabels();
                    for (Iterator<String> names = matchLabels.fieldNames(); names.hasNext(); ) {
                        String name = names.next();
                        if (!matchLabels.get(name).asText().equals(labels.get(name))) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
        if (selected.isEmpty()) {
            fail("spec.selector", "selects no rendered Service");
        }
        JsonNode endpoints = spec.path("endpoints");
        if (!endpoints.isArray() || endpoints.isEmpty()) {
            fail("spec.endpoints", "is required");
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode endpoint = endpoints.get(i);
            String path = "spec.endpoints[" + i + "]";
            onlyFields(endpoint, path, ENDPOINT);
            text(endpoint.path("port"), path + ".port");
            text(endpoint.path("path"), path + ".path");
            duration(endpoint.path("interval"), path + ".interval");
            duration(endpoint.path("scrapeTimeout"), path + ".scrapeTimeout");
            String port = endpoint.path("port").asText();
            for (Service service : selected) {
                if (service.getSpec().getPorts().stream().noneMatch(p -> port.equals(p.getName()))) {
                    fail(path + ".port", "names no port of Service " + service.getMetadata().getName());
                }
            }
            for (JsonNode relabeling : endpoint.path("relabelings")) {
                onlyFields(relabeling, path + ".relabelings", RELABELING);
                if (!relabeling.path("sourceLabels").isArray()) {
                    fail(path + ".relabelings.sourceLabels", "must be a list");
                }
            }
        }
    }

    private void prometheusRule(JsonNode spec) {
        onlyFields(spec, "spec", Set.of("groups"));
        JsonNode groups = spec.path("groups");
        if (!groups.isArray() || groups.isEmpty()) {
            fail("spec.groups", "is required");
            return;
        }
        for (int g = 0; g < groups.size(); g++) {
            JsonNode group = groups.get(g);
            String path = "spec.groups[" + g + "]";
            onlyFields(group, path, RULE_GROUP);
            text(group.path("name"), path + ".name");
            JsonNode rules = group.path("rules");
            if (!rules.isArray() || rules.isEmpty()) {
                fail(path + ".rules", "is required");
                continue;
            }
            for (int r = 0; r < rules.size(); r++) {
                JsonNode rule = rules.get(r);
                String rulePath = path + ".rules[" + r + "]";
                onlyFields(rule, rulePath, RULE);
                text(rule.path("alert"), rulePath + ".alert");
                text(rule.path("expr"), rulePath + ".expr");
                if (rule.has("for")) {
                    duration(rule.path("for"), rulePath + ".for");
                }
                if (!SEVERITIES.contains(rule.path("labels").path("severity").asText())) {
                    fail(rulePath + ".labels.severity", "must be one of " + SEVERITIES);
                }
                text(rule.path("annotations").path("summary"), rulePath + ".annotations.summary");
                text(rule.path("annotations").path("runbook_url"), rulePath + ".annotations.runbook_url");
                rule.path("labels").properties().forEach(e -> mustBeText(e.getValue(), rulePath + ".labels." + e.getKey()));
                rule.path("annotations").properties().forEach(e -> mustBeText(e.getValue(), rulePath + ".annotations." + e.getKey()));
            }
        }
    }

    private void onlyFields(JsonNode node, String path, Set<String> known) {
        if (!node.isObject()) {
            fail(path, "must be an object");
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                fail(path.isEmpty() ? name : path + "." + name, "unknown field");
            }
        });
    }

    private void text(JsonNode node, String path) {
        if (!node.isTextual() || node.asText().isBlank()) {
            fail(path, "is required (a non-empty string)");
        }
    }

    private void mustBeText(JsonNode node, String path) {
        if (!node.isTextual()) {
            fail(path, "must be a string, not " + node.getNodeType());
        }
    }

    private void duration(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isTextual() || !DURATION.matcher(node.asText()).matches()) {
            fail(path, "'" + node + "' is not a Prometheus duration");
        }
    }

    private void fail(String path, String problem) {
        violations.add(new Violation(object, path, problem));
    }
}
