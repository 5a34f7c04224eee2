package io.waybill.k8s;

import com.marcnuri.helm.LintResult;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart as Helm renders it, for the default values, for values-production.yaml and for the JVM flavor, checked
 * the way the API server would check it (no kube-apiserver can be obtained here, so this is the strongest check).
 */
class RenderedChartConformsToKubernetesApiTest {

    @Test
    void chartPassesHelmLintInStrictMode() {
        LintResult lint = Chart.lintStrict(Chart.DIRECTORY);

        assertFalse(lint.isFailed(), () -> "helm lint --strict failed:\n" + String.join("\n", lint.getMessages()));
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]")),
                () -> String.join("\n", lint.getMessages()));
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyRenderedObjectIsAKnownApiTypeWithoutUnknownFieldsTypeErrorsOrMissingRequiredFields(Values values) {
        ChartValidation.Report report = ChartValidation.validate(Chart.rendered(values));

        assertTrue(report.violations().isEmpty(), report::describe);
    }

    @Test
    void defaultValuesRenderEveryKindTheChartPromises() {
        Map<String, Long> kinds = kindsIn(Values.DEFAULT);

        assertEquals(new TreeMap<>(Map.of("ConfigMap", 10L, "Deployment", 7L, "Service", 7L, "ServiceAccount", 7L,
                "NetworkPolicy", 8L, "PodDisruptionBudget", 7L, "Ingress", 1L)), kinds,
                "default values: seven services with their ConfigMaps, broker topology and two dashboards; "
                        + "no autoscaler or Prometheus Operator resources until switched on");
    }

    @Test
    void productionValuesAddAutoscalersServiceMonitorsAndAlertRules() {
        Map<String, Long> kinds = kindsIn(Values.PRODUCTION);

        assertEquals(7L, kinds.get("HorizontalPodAutoscaler"));
        assertEquals(7L, kinds.get("ServiceMonitor"));
        assertEquals(1L, kinds.get("PrometheusRule"));
    }

    private static Map<String, Long> kindsIn(Values values) {
        return new TreeMap<>(Chart.rendered(values).documents().stream()
                .collect(Collectors.groupingBy(d -> d.path("kind").asText(), Collectors.counting())));
    }
}
