package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the outside world can reach, and how the services scale and survive node drains. */
class IngressAndScalingTest {

    @ParameterizedTest
    @EnumSource(Values.class)
    void theIngressRoutesOnlyPortalAndPartnerPathsNeverHealthMetricsOrOperatorEndpoints(Values values) {
        Ingress ingress = RenderedObjects.named(values, Ingress.class, "waybill");

        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                String prefix = path.getPath();
                assertFalse(prefix.equals("/") || prefix.startsWith("/q") || prefix.startsWith("/admin"),
                        rule.getHost() + prefix + " would publish /q/* or /admin/*");
            }
        }
        Set<String> backends = ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .map(p -> p.getBackend().getService().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("waybill-portal-api", "waybill-order-service", "waybill-inventory-service",
                "waybill-shipment-service", "waybill-odoo-connector"), backends);
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void thePortalHostPublishesTheCustomerApiAndItsOpenApiDocumentWherePortalApiServesThem(Values values)
            throws IOException {
        Ingress ingress = RenderedObjects.named(values, Ingress.class, "waybill");
        Set<String> portalPaths = ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .filter(p -> p.getBackend().getService().getName().equals("waybill-portal-api"))
                .map(HTTPIngressPath::getPath).collect(Collectors.toSet());
        assertEquals(Set.of("/me", "/openapi"), portalPaths);

        // The customer's OpenAPI document must be served at the published path, not at Quarkus' internal /q/openapi.
        Properties portal = new Properties();
        try (var in = Files.newBufferedReader(Path.of("..", "portal-api", "src", "main", "resources",
                "application.properties"))) {
            portal.load(in);
        }
        assertEquals("/openapi", portal.getProperty("quarkus.smallrye-openapi.\"customer\".path"));
    }

    @Test
    void theProductionIngressTerminatesTlsForBothHosts() {
        Ingress ingress = RenderedObjects.named(Values.PRODUCTION, Ingress.class, "waybill");

        assertEquals(Set.of("portal.waybill.io", "partners.waybill.io"), ingress.getSpec().getTls().stream()
                .flatMap(tls -> tls.getHosts().stream()).collect(Collectors.toSet()));
        assertEquals("true", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/force-ssl-redirect"));
    }

    @Test
    void productionAutoscalesEveryServiceFromAtLeastTwoReplicasAndLeavesTheCountToTheAutoscaler() {
        List<HorizontalPodAutoscaler> autoscalers = RenderedObjects.of(Values.PRODUCTION, HorizontalPodAutoscaler.class);

        assertEquals(7, autoscalers.size());
        autoscalers.forEach(hpa -> assertTrue(hpa.getSpec().getMinReplicas() >= 2, hpa.getMetadata().getName()));
        RenderedObjects.of(Values.PRODUCTION, Deployment.class).forEach(d ->
                assertNull(d.getSpec().getReplicas(), d.getMetadata().getName() + " must not pin replicas under an HPA"));
        Map<String, Integer> minimum = autoscalers.stream().collect(Collectors.toMap(h -> h.getMetadata().getName(),
                h -> h.getSpec().getMinReplicas()));
        assertEquals(3, minimum.get("waybill-portal-api"), "the service override wins over the chart-wide minimum");
        assertEquals(2, minimum.get("waybill-billing-service"));
    }

    @Test
    void aServiceCanOptOutOfAutoscalingSwitchedOnChartWide() {
        var rendered = Chart.render(Chart.DIRECTORY, List.of("values-production.yaml"),
                Map.of("services.odoo-connector.autoscaling.enabled", "false"));

        assertTrue(rendered.ofKind("HorizontalPodAutoscaler").stream()
                .noneMatch(h -> h.path("metadata").path("name").asText().equals("waybill-odoo-connector")));
        assertEquals(1, rendered.one("Deployment", "waybill-odoo-connector").path("spec").path("replicas").asInt());
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyServiceHasADisruptionBudgetThatStillLetsASingleReplicaNodeDrain(Values values) {
        List<PodDisruptionBudget> budgets = RenderedObjects.of(values, PodDisruptionBudget.class);

        assertEquals(7, budgets.size());
        budgets.forEach(pdb -> assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), pdb.getMetadata().getName()));
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyPodPausesBeforeSigtermSoARolloutDropsNoRequests(Values values) {
        for (Deployment deployment : RenderedObjects.of(values, Deployment.class)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            var sleep = pod.getContainers().getFirst().getLifecycle().getPreStop().getSleep();
            assertTrue(sleep.getSeconds() > 0, deployment.getMetadata().getName());
            assertTrue(pod.getTerminationGracePeriodSeconds() > sleep.getSeconds() + 10,
                    deployment.getMetadata().getName() + " keeps time after the pause to finish in-flight work");
        }
    }

    @Test
    void replicasOfAServiceAreSpreadAcrossNodesWhenThereAreSeveral() {
        RenderedObjects.of(Values.PRODUCTION, Deployment.class).forEach(d -> assertEquals(
                List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"),
                d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().stream()
                        .map(c -> c.getTopologyKey()).toList(), d.getMetadata().getName()));
    }
}
