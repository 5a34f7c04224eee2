package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Native images by default, JVM images on request, each with its own runtime user and resource defaults. */
class ImageFlavorTest {

    private static final List<String> SERVICES = List.of("billing-service", "inventory-service", "odoo-connector",
            "order-service", "partner-registry", "portal-api", "shipment-service");

    @Test
    void everyServiceRunsItsNativeImageByDefault() {
        List<String> images = images(Values.DEFAULT);

        assertEquals(SERVICES.stream().map(s -> "ghcr.io/waybill/" + s + ":0.1.0-native").toList(), images);
        RenderedObjects.of(Values.DEFAULT, Deployment.class).forEach(d ->
                assertEquals(1001L, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()));
    }

    @Test
    void jvmFlavorSelectsTheJvmImagesTheirUserAndMoreMemory() {
        List<String> images = images(Values.JVM_FLAVOR);

        assertEquals(SERVICES.stream().map(s -> "ghcr.io/waybill/" + s + ":0.1.0-jvm").toList(), images);
        for (Deployment deployment : RenderedObjects.of(Values.JVM_FLAVOR, Deployment.class)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(185L, pod.getSecurityContext().getRunAsUser(), "the UBI OpenJDK runtime user");
            var memory = pod.getContainers().getFirst().getResources().getLimits().get("memory");
            assertTrue(memory.getNumericalAmount().longValue() >= 512L * 1024 * 1024, "a JVM gets at least 512Mi");
        }
    }

    @Test
    void anUnknownFlavorIsRefusedWhenRendering() {
        var failure = assertThrows(IllegalStateException.class,
                () -> Chart.render(Chart.DIRECTORY, List.of(), Map.of("image.flavor", "graal")));

        assertTrue(failure.getMessage().contains("flavor"), failure.getMessage());
    }

    private static List<String> images(Values values) {
        return RenderedObjects.of(values, Deployment.class).stream()
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .sorted().toList();
    }
}
