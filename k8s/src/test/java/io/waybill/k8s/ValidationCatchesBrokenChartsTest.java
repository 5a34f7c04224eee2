package io.waybill.k8s;

import io.waybill.k8s.KubernetesApiValidator.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof that the checks can fail: a scratch copy of the chart is broken in one way at a time and the validation
 * must name the mistake. Without these, "no violations" could just mean "nothing was looked at".
 */
class ValidationCatchesBrokenChartsTest {

    @TempDir
    Path scratch;

    @Test
    void misspelledReadinessProbeFieldIsReportedAsUnknown() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "deployment.yaml", "readinessProbe:", "readinessProbes:");

        List<Violation> violations = violationsOf(chart, Map.of());

        assertReported(violations, v -> v.path().endsWith("containers[0].readinessProbes")
                && v.problem().startsWith("unknown field"));
    }

    @Test
    void misspelledNestedFieldIsReportedWithItsPath() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "deployment.yaml", "readOnlyRootFilesystem:", "readOnlyRootFileSystem:");

        assertReported(violationsOf(chart, Map.of()),
                v -> v.path().endsWith("securityContext.readOnlyRootFileSystem") && v.problem().startsWith("unknown field"));
    }

    @Test
    void textWhereTheApiWantsAnIntegerIsATypeError() {
        Path chart = Chart.scratchCopy(scratch);
        // replicas: "1" is a string; Go's JSON decoding in the API server refuses it, so must the validation.
        Chart.replaceIn(chart, "deployment.yaml", "replicas: {{ $svc.replicas }}", "replicas: {{ $svc.replicas | quote }}");

        List<Violation> violations = violationsOf(chart, Map.of());

        assertReported(violations, v -> v.object().equals("Deployment/waybill-order-service")
                && v.path().equals("spec.replicas") && v.problem().contains("where the API wants a number"));
    }

    @Test
    void textWhereTheApiWantsABooleanIsATypeError() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "deployment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: \"true\"");

        assertReported(violationsOf(chart, Map.of()), v -> v.object().equals("Deployment/waybill-portal-api")
                && v.path().equals("spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem")
                && v.problem().contains("Boolean"));
    }

    @Test
    void numberWhereTheApiWantsAStringIsATypeError() {
        Path chart = Chart.scratchCopy(scratch);
        // A ConfigMap holds strings only: the API server refuses `AMQP_PORT: 5672`.
        Chart.replaceIn(chart, "_helpers.tpl", "AMQP_PORT: {{ $root.Values.broker.port | quote }}",
                "AMQP_PORT: {{ $root.Values.broker.port }}");

        assertReported(violationsOf(chart, Map.of()), v -> v.object().equals("ConfigMap/waybill-order-service")
                && v.path().equals("data.AMQP_PORT") && v.problem().contains("does not match the API types"));
    }

    @Test
    void containerWithoutImageIsMissingARequiredField() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "deployment.yaml", "image: {{ include \"waybill.image\" $ctx }}", "");

        assertReported(violationsOf(chart, Map.of()),
                v -> v.path().endsWith("containers[0].image") && v.problem().equals("is required"));
    }

    @Test
    void serviceSelectingNoPodsIsReported() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "service.yaml", "{{- include \"waybill.selectorLabels\" $ctx | nindent 4 }}",
                "app.kubernetes.io/name: {{ $name }}-typo");

        assertReported(violationsOf(chart, Map.of()),
                v -> v.object().startsWith("Service/") && v.problem().equals("selects no rendered Deployment's pods"));
    }

    @Test
    void misspelledApiVersionIsNotAcceptedAsAGenericObject() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "pdb.yaml", "apiVersion: policy/v1", "apiVersion: policy/v1beta3");

        assertReported(violationsOf(chart, Map.of()),
                v -> v.object().startsWith("PodDisruptionBudget/") && v.problem().contains("is not a Kubernetes API type"));
    }

    @Test
    void misspelledServiceMonitorFieldIsReported() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "servicemonitor.yaml", "scrapeTimeout:", "scrapeTimout:");

        assertReported(violationsOf(chart, Map.of("metrics.serviceMonitor.enabled", "true")),
                v -> v.object().startsWith("ServiceMonitor/") && v.path().endsWith("scrapeTimout"));
    }

    @Test
    void misspelledValuesKeyIsRefusedByTheValuesSchemaBeforeAnythingRenders() {
        var failure = assertThrows(IllegalStateException.class,
                () -> Chart.render(Chart.DIRECTORY, List.of(), Map.of("services.order-service.replicaCount", "2")));

        assertTrue(failure.getMessage().contains("replicaCount"), failure.getMessage());
    }

    @Test
    void duplicatedKeyInARenderedObjectIsRefused() {
        Path chart = Chart.scratchCopy(scratch);
        Chart.replaceIn(chart, "service.yaml", "  type: ClusterIP\n", "  type: ClusterIP\n  type: NodePort\n");

        assertThrows(RuntimeException.class, () -> Chart.render(chart, List.of(), Map.of()));
    }

    private static List<Violation> violationsOf(Path chart, Map<String, String> sets) {
        return ChartValidation.validate(Chart.render(chart, List.of(), sets)).violations();
    }

    private static void assertReported(List<Violation> violations, Predicate<Violation> expected) {
        assertTrue(violations.stream().anyMatch(expected),
                () -> "the expected violation was not reported; found " + violations);
    }
}
