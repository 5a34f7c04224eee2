package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.waybill.k8s.Chart.Values;

import java.util.List;

/** Typed views of a rendering, for tests that assert policies on the objects (validation must have passed). */
final class RenderedObjects {

    private RenderedObjects() {
    }

    static List<HasMetadata> of(Values values) {
        ChartValidation.Report report = ChartValidation.validate(Chart.rendered(values));
        if (!report.violations().isEmpty()) {
            throw new AssertionError("The chart does not validate with " + values + ": " + report.describe());
        }
        return report.objects();
    }

    static <T extends HasMetadata> List<T> of(Values values, Class<T> type) {
        return of(values).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(Values values, Class<T> type, String name) {
        return of(values, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name + " with " + values));
    }
}
