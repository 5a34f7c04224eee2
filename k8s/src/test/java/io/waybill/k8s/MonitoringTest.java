package io.waybill.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dashboards and alert rules read only metrics of the contract in k8s/README.md (the list the services implement),
 * every business figure the issue names is both on the business dashboard and alerted on, and the scrape
 * configuration gives the series the labels the queries group by.
 */
class MonitoringTest {

    private static final Path README = Path.of(System.getProperty("waybill.k8s.readme", "README.md"));
    /** A metric name is what stands right before a label matcher; every query of the chart selects with one. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern CONTRACT_ROW = Pattern.compile("^\\| `([a-z_:][a-z0-9_:]*)` \\|", Pattern.MULTILINE);
    private static final List<String> BUSINESS = List.of("waybill_orders_awaiting_allocation_overdue",
            "waybill_shipments_without_tracking", "waybill_shipments_delivered_unbilled", "waybill_freight_disputes_open",
            "waybill_reconciliation_mismatches_total", "waybill_odoo_write_queue_depth");
    private static final List<String> TECHNICAL = List.of("http_server_requests_seconds", "artemis_message_count",
            "waybill_outbox_pending", "waybill_outbox_oldest_pending_seconds", "waybill_inbox_retries_total",
            "waybill_dead_letters", "waybill_carrier_circuit_state");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dashboardsAndAlertsUseOnlyMetricsOfTheContract() throws IOException {
        Set<String> contract = contract();
        Map<String, String> queries = new LinkedHashMap<>(dashboardQueries());
        queries.putAll(alertQueries());

        for (Map.Entry<String, String> query : queries.entrySet()) {
            Set<String> metrics = metricsIn(query.getValue());
            assertFalse(metrics.isEmpty(), query.getKey() + " selects no metric: " + query.getValue());
            for (String metric : metrics) {
                assertTrue(contract.contains(metric) || contract.contains(histogramName(metric)),
                        query.getKey() + " uses " + metric + ", which is not in the README's metrics contract");
            }
            assertBalanced(query.getKey(), query.getValue());
        }
    }

    @Test
    void everyBusinessFigureIsOnTheBusinessDashboardAndAlertedOn() throws IOException {
        Set<String> onDashboard = metricsIn(String.join("\n", dashboard("waybill-business").values()));
        Set<String> alerted = metricsIn(String.join("\n", alertQueries().values()));

        for (String metric : BUSINESS) {
            assertTrue(onDashboard.contains(metric), metric + " is missing from the business dashboard");
            assertTrue(alerted.contains(metric), metric + " has no alert rule");
        }
    }

    @Test
    void theTechnicalDashboardShowsLatencyLagBacklogRetriesDeadLettersAndBreakers() throws IOException {
        Set<String> onDashboard = new HashSet<>(metricsIn(String.join("\n", dashboard("waybill-technical").values())));
        onDashboard.addAll(onDashboard.stream().map(MonitoringTest::histogramName).toList());

        assertTrue(onDashboard.containsAll(TECHNICAL), () -> "missing: " + TECHNICAL.stream()
                .filter(m -> !onDashboard.contains(m)).toList());
    }

    @Test
    void dashboardsAreWellFormedGrafanaDashboardsForTheSidecar() throws IOException {
        List<JsonNode> configMaps = Chart.rendered(Values.DEFAULT).ofKind("ConfigMap").stream()
                .filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText())).toList();
        assertEquals(2, configMaps.size());
        Set<String> uids = new HashSet<>();
        for (JsonNode configMap : configMaps) {
            var data = configMap.path("data").properties().iterator().next();
            JsonNode dashboard = JSON.readTree(data.getValue().asText());
            String name = data.getKey();
            assertTrue(uids.add(dashboard.path("uid").asText()), name + " has a duplicate or missing uid");
            assertFalse(dashboard.path("title").asText().isBlank(), name);
            assertTrue(dashboard.path("templating").path("list").findValuesAsText("name").containsAll(
                    List.of("datasource", "namespace")), name + " lets the viewer pick data source and namespace");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                String title = name + "/" + panel.path("title").asText();
                assertTrue(ids.add(panel.path("id").asInt()), title + ": duplicate panel id");
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title);
                assertTrue(panel.path("gridPos").path("w").asInt() > 0, title);
                assertFalse(panel.path("targets").isEmpty(), title);
                panel.path("targets").forEach(t -> assertFalse(t.path("expr").asText().isBlank(), title));
            }
            assertFalse(ids.isEmpty(), name + " has panels");
        }
    }

    @Test
    void everyAlertHasAnActionableRunbookEntryInTheReadme() throws IOException {
        String readme = Files.readString(README);
        JsonNode rule = Chart.rendered(Values.PRODUCTION).one("PrometheusRule", "waybill");

        List<String> alerts = rule.path("spec").path("groups").findValues("rules").stream()
                .flatMap(rules -> rules.valueStream()).map(r -> r.path("alert").asText()).toList();
        assertEquals(alerts.size(), Set.copyOf(alerts).size(), "alert names are unique");
        rule.path("spec").path("groups").findValues("rules").forEach(rules -> rules.forEach(r -> {
            String alert = r.path("alert").asText();
            assertTrue(readme.contains("\n#### " + alert + "\n"), alert + " has no runbook section in the README");
            assertTrue(r.path("annotations").path("runbook_url").asText().endsWith("#" + alert.toLowerCase(Locale.ROOT)),
                    alert + " links its runbook section");
        }));
    }

    @Test
    void scrapedSeriesAreLabelledWithTheServiceNameTheQueriesGroupBy() {
        for (JsonNode monitor : Chart.rendered(Values.PRODUCTION).ofKind("ServiceMonitor")) {
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertEquals("/q/metrics", endpoint.path("path").asText());
            assertEquals("http", endpoint.path("port").asText());
            assertTrue(endpoint.path("relabelings").valueStream().anyMatch(r ->
                    "waybill_service".equals(r.path("targetLabel").asText())
                            && r.path("sourceLabels").get(0).asText().equals(
                                    "__meta_kubernetes_service_label_app_kubernetes_io_name")),
                    monitor.path("metadata").path("name").asText());
        }
    }

    private static Set<String> contract() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("<!-- metrics-contract:start -->");
        int end = readme.indexOf("<!-- metrics-contract:end -->");
        assertTrue(start >= 0 && end > start, "README.md has the metrics contract between its markers");
        Set<String> names = new HashSet<>();
        Matcher rows = CONTRACT_ROW.matcher(readme.substring(start, end));
        while (rows.find()) {
            names.add(rows.group(1));
        }
        return names;
    }

    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>(dashboard("waybill-technical"));
        queries.putAll(dashboard("waybill-business"));
        return queries;
    }

    private static Map<String, String> dashboard(String name) throws IOException {
        JsonNode configMap = Chart.rendered(Values.DEFAULT).one("ConfigMap", "waybill-dashboard-" + name.substring("waybill-".length()));
        JsonNode dashboard = JSON.readTree(configMap.path("data").path(name + ".json").asText());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(name + "/" + panel.path("title").asText() + "/" + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        return queries;
    }

    private static Map<String, String> alertQueries() {
        JsonNode rule = Chart.rendered(Values.PRODUCTION).one("PrometheusRule", "waybill");
        Map<String, String> queries = new LinkedHashMap<>();
        rule.path("spec").path("groups").findValues("rules")
                .forEach(rules -> rules.forEach(r -> queries.put("alert " + r.path("alert").asText(), r.path("expr").asText())));
        return queries;
    }

    private static Set<String> metricsIn(String query) {
        Set<String> metrics = new HashSet<>();
        Matcher matcher = SELECTOR.matcher(query);
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }

    /** A histogram of the contract is published as its _bucket, _count and _sum series. */
    private static String histogramName(String metric) {
        return metric.replaceAll("_(bucket|count|sum)$", "");
    }

    /** PromQL's brackets must pair up outside string literals; a cheap guard against a broken expression. */
    private static void assertBalanced(String where, String query) {
        List<Character> open = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"' && (i == 0 || query.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && "({[".indexOf(c) >= 0) {
                open.add(c);
            } else if (!inString && ")}]".indexOf(c) >= 0) {
                assertFalse(open.isEmpty(), where + ": unbalanced " + c + " in " + query);
                char expected = "({[".charAt(")}]".indexOf(c));
                assertEquals(expected, (char) open.removeLast(), where + ": mismatched " + c + " in " + query);
            }
        }
        assertFalse(inString, where + ": unterminated string in " + query);
        assertTrue(open.isEmpty(), where + ": unclosed " + open + " in " + query);
    }
}
