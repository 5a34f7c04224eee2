package io.waybill.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.waybill.k8s.KubernetesApiValidator.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything a rendered chart must pass before it may go near a cluster: API types, CRD structure, required fields. */
final class ChartValidation {

    private static final KubernetesApiValidator API = new KubernetesApiValidator();

    /** The typed objects and every violation found in one rendering. */
    record Report(List<HasMetadata> objects, List<Violation> violations) {

        String describe() {
            return violations.isEmpty() ? "no violations"
                    : violations.size() + " violation(s):\n  " + String.join("\n  ",
                    violations.stream().map(Violation::toString).toList());
        }
    }

    private ChartValidation() {
    }

    static Report validate(Chart.Rendered rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> customResources = new ArrayList<>();
        Set<String> identities = new HashSet<>();
        for (JsonNode document : rendered.documents()) {
            if (!identities.add(KubernetesApiValidator.typeOf(document) + "/" + document.path("metadata").path("name").asText())) {
                violations.add(new Violation(KubernetesApiValidator.describe(document), "metadata.name",
                        "rendered twice: the second would overwrite the first"));
            }
            if (KubernetesApiValidator.CUSTOM_RESOURCES.contains(KubernetesApiValidator.typeOf(document))) {
                customResources.add(document);
                continue;
            }
            KubernetesApiValidator.Result result = API.validate(document);
            violations.addAll(result.violations());
            if (result.object() != null) {
                objects.add(result.object());
            }
        }
        violations.addAll(RequiredFields.check(objects));
        for (JsonNode document : customResources) {
            violations.addAll(CustomResources.check(document, objects));
        }
        return new Report(objects, violations);
    }
}
