package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restricted Pod Security Standard, probes, resources and secret handling, for every rendered value set. */
class PodSecurityAndSecretsTest {

    private static final Pattern SECRET_LOOKING = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL).*");

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyContainerRunsAsNonRootOnAReadOnlyRootWithoutCapabilitiesOrEscalation(Values values) {
        for (Deployment deployment : RenderedObjects.of(values, Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name + " runs as a non-zero uid");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertNotNull(security, name);
                assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), name);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name);
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty(), name);
                assertEquals("RuntimeDefault", security.getSeccompProfile().getType(), name);
                VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(name + " has no writable /tmp"));
                assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow().getEmptyDir(), name + ": /tmp is an emptyDir");
            }
            assertFalse(pod.getAutomountServiceAccountToken(), name + " mounts no API token");
            assertTrue(pod.getHostNetwork() == null || !pod.getHostNetwork(), name);
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyContainerHasStartupLivenessAndReadinessProbesOnTheQuarkusHealthEndpoints(Values values) {
        for (Deployment deployment : RenderedObjects.of(values, Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String name = deployment.getMetadata().getName();
                assertProbe(name, container.getStartupProbe(), "/q/health/started");
                assertProbe(name, container.getLivenessProbe(), "/q/health/live");
                assertProbe(name, container.getReadinessProbe(), "/q/health/ready");
                // Health calls take about 12 s while the broker is down: a shorter timeout would count as a failure.
                assertTrue(container.getReadinessProbe().getTimeoutSeconds() > 12, name + " readiness timeout");
                assertTrue(container.getLivenessProbe().getTimeoutSeconds() > 12, name + " liveness timeout");
            }
        }
    }

    private static void assertProbe(String deployment, Probe probe, String path) {
        assertNotNull(probe, deployment + " lacks the probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath(), deployment);
        // The named port "http" is 8080; RequiredFields checks that the container declares it.
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), deployment);
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyContainerDeclaresCpuAndMemoryRequestsAndLimits(Values values) {
        for (Deployment deployment : RenderedObjects.of(values, Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                var resources = container.getResources();
                String name = deployment.getMetadata().getName();
                assertNotNull(resources, name);
                assertTrue(resources.getRequests().keySet().containsAll(List.of("cpu", "memory")), name + " requests");
                assertTrue(resources.getLimits().keySet().containsAll(List.of("cpu", "memory")), name + " limits");
            }
        }
    }

    @Test
    void aServiceCanReadDifferentlyNamedExistingSecrets() {
        var rendered = Chart.render(Chart.DIRECTORY, List.of(), java.util.Map.of(
                "services.billing-service.existingSecrets.db", "billing-db-from-vault"));

        var deployment = rendered.one("Deployment", "waybill-billing-service");
        var env = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env");
        assertEquals("billing-db-from-vault", env.valueStream().filter(e -> e.path("name").asText().equals("DB_PASSWORD"))
                .findFirst().orElseThrow().path("valueFrom").path("secretKeyRef").path("name").asText());
        assertTrue(env.valueStream().anyMatch(e -> e.path("valueFrom").path("secretKeyRef").path("name").asText()
                .equals("waybill-billing-service-amqp")), "the other references keep their default names");
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void noSecretIsRenderedAndSecretSettingsComeOnlyFromSecretReferences(Values values) {
        assertTrue(Chart.rendered(values).ofKind("Secret").isEmpty(), "the chart renders no Secret objects");
        for (Deployment deployment : RenderedObjects.of(values, Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (SECRET_LOOKING.matcher(env.getName()).matches()) {
                        assertEquals(null, env.getValue(), env.getName() + " must not carry a literal value");
                        assertNotNull(env.getValueFrom().getSecretKeyRef(), env.getName() + " comes from a Secret");
                    }
                }
            }
        }
        Chart.rendered(values).ofKind("ConfigMap").forEach(configMap -> configMap.path("data").fieldNames()
                .forEachRemaining(key -> assertFalse(SECRET_LOOKING.matcher(key).matches(),
                        configMap.path("metadata").path("name").asText() + " holds a secret-looking key " + key)));
    }
}
