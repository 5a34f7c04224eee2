package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.waybill.k8s.KubernetesApiValidator.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the API server would refuse although every field is spelled and typed right: required fields left out, and
 * references between the chart's objects that point nowhere (a Service selecting no pod, an HPA scaling a
 * Deployment that does not exist, a probe on a port name no container declares...). Written per kind, for the
 * kinds this chart renders.
 */
final class RequiredFields {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Set<String> PATH_TYPES = Set.of("Exact", "Prefix", "ImplementationSpecific");
    static final List<String> RECOMMENDED_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by");

    private final List<HasMetadata> objects;
    private final List<Violation> violations = new ArrayList<>();

    private RequiredFields(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static List<Violation> check(List<HasMetadata> objects) {
        RequiredFields check = new RequiredFields(objects);
        for (HasMetadata object : objects) {
            check.metadata(object);
            switch (object) {
                case Deployment deployment -> check.deployment(deployment);
                case Service service -> check.service(service);
                case ConfigMap configMap -> check.configMap(configMap);
                case HorizontalPodAutoscaler hpa -> check.autoscaler(hpa);
                case PodDisruptionBudget pdb -> check.disruptionBudget(pdb);
                case NetworkPolicy policy -> check.networkPolicy(policy);
                case Ingress ingress -> check.ingress(ingress);
                case ServiceAccount ignored -> { /* metadata only */ }
                default -> check.fail(object, "", "kind " + object.getKind() + " has no required-field checks yet");
            }
        }
        return check.violations;
    }

    private void fail(HasMetadata object, String path, String problem) {
        violations.add(new Violation(object.getKind() + "/" + object.getMetadata().getName(), path, problem));
    }

    private void require(HasMetadata object, String path, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())
                || (value instanceof java.util.Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty())) {
            fail(object, path, "is required");
        }
    }

    private void metadata(HasMetadata object) {
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            violations.add(new Violation(object.getKind() + "/?", "metadata.name", "is required"));
            return;
        }
        String name = object.getMetadata().getName();
        Pattern form = object instanceof Service ? DNS_LABEL : DNS_SUBDOMAIN;
        int max = object instanceof Service ? 63 : 253;
        if (!form.matcher(name).matches() || name.length() > max) {
            fail(object, "metadata.name", "'" + name + "' is not a valid name for a " + object.getKind());
        }
        Map<String, String> labels = Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
        for (String label : RECOMMENDED_LABELS) {
            if (!labels.containsKey(label)) {
                fail(object, "metadata.labels", "lacks " + label);
            }
        }
        labels.forEach((key, value) -> {
            if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
                fail(object, "metadata.labels." + key, "'" + value + "' is not a valid label value");
            }
        });
    }

    private void deployment(Deployment deployment) {
        var spec = deployment.getSpec();
        require(deployment, "spec", spec);
        if (spec == null) {
            return;
        }
        LabelSelector selector = spec.getSelector();
        require(deployment, "spec.selector.matchLabels", selector == null ? null : selector.getMatchLabels());
        require(deployment, "spec.template.metadata.labels",
                spec.getTemplate() == null || spec.getTemplate().getMetadata() == null ? null
                        : spec.getTemplate().getMetadata().getLabels());
        if (selector != null && selector.getMatchLabels() != null && spec.getTemplate().getMetadata() != null
                && !spec.getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            fail(deployment, "spec.selector", "does not match the pod template's labels");
        }
        podSpec(deployment, spec.getTemplate().getSpec());
    }

    private void podSpec(HasMetadata owner, PodSpec pod) {
        require(owner, "spec.template.spec", pod);
        if (pod == null) {
            return;
        }
        require(owner, "spec.template.spec.containers", pod.getContainers());
        Set<String> volumes = new HashSet<>();
        for (int i = 0; i < pod.getVolumes().size(); i++) {
            Volume volume = pod.getVolumes().get(i);
            require(owner, "spec.template.spec.volumes[" + i + "].name", volume.getName());
            volumes.add(volume.getName());
            long sources = java.util.stream.Stream.of(volume.getEmptyDir(), volume.getConfigMap(), volume.getSecret(),
                    volume.getProjected(), volume.getPersistentVolumeClaim()).filter(Objects::nonNull).count();
            if (sources != 1) {
                fail(owner, "spec.template.spec.volumes[" + i + "]", "must have exactly one volume source");
            }
        }
        if (pod.getServiceAccountName() != null && !exists(ServiceAccount.class, pod.getServiceAccountName())) {
            fail(owner, "spec.template.spec.serviceAccountName", "names no rendered ServiceAccount");
        }
        Set<String> containerNames = new HashSet<>();
        for (int i = 0; i < pod.getContainers().size(); i++) {
            Container container = pod.getContainers().get(i);
            String path = "spec.template.spec.containers[" + i + "]";
            require(owner, path + ".name", container.getName());
            require(owner, path + ".image", container.getImage());
            if (container.getName() != null && !containerNames.add(container.getName())) {
                fail(owner, path + ".name", "duplicates another container's name");
            }
            Set<String> portNames = new HashSet<>();
            for (ContainerPort port : container.getPorts()) {
                if (port.getContainerPort() == null || port.getContainerPort() < 1 || port.getContainerPort() > 65535) {
                    fail(owner, path + ".ports", "containerPort must be 1-65535");
                }
                if (port.getName() != null) {
                    if (port.getName().length() > 15 || !DNS_LABEL.matcher(port.getName()).matches()) {
                        fail(owner, path + ".ports", "'" + port.getName() + "' is not a valid port name");
                    }
                    portNames.add(port.getName());
                }
            }
            probe(owner, path + ".startupProbe", container.getStartupProbe(), portNames);
            probe(owner, path + ".livenessProbe", container.getLivenessProbe(), portNames);
            probe(owner, path + ".readinessProbe", container.getReadinessProbe(), portNames);
            for (EnvVar env : container.getEnv()) {
                require(owner, path + ".env.name", env.getName());
                if (env.getValue() != null && env.getValueFrom() != null) {
                    fail(owner, path + ".env." + env.getName(), "has both value and valueFrom");
                }
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    require(owner, path + ".env." + env.getName() + ".valueFrom.secretKeyRef.name",
                            env.getValueFrom().getSecretKeyRef().getName());
                    require(owner, path + ".env." + env.getName() + ".valueFrom.secretKeyRef.key",
                            env.getValueFrom().getSecretKeyRef().getKey());
                }
            }
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())
                        && !exists(ConfigMap.class, source.getConfigMapRef().getName())) {
                    fail(owner, path + ".envFrom", "names ConfigMap " + source.getConfigMapRef().getName()
                            + " that the chart does not render");
                }
            }
            for (VolumeMount mount : container.getVolumeMounts()) {
                if (!volumes.contains(mount.getName())) {
                    fail(owner, path + ".volumeMounts", "mounts undeclared volume " + mount.getName());
                }
                if (mount.getMountPath() == null || !mount.getMountPath().startsWith("/")) {
                    fail(owner, path + ".volumeMounts", "mountPath must be absolute");
                }
            }
            resources(owner, path + ".resources", container.getResources());
        }
    }

    private void probe(HasMetadata owner, String path, Probe probe, Set<String> portNames) {
        if (probe == null) {
            return;
        }
        long handlers = java.util.stream.Stream.of(probe.getHttpGet(), probe.getTcpSocket(), probe.getExec(),
                probe.getGrpc()).filter(Objects::nonNull).count();
        if (handlers != 1) {
            fail(owner, path, "must have exactly one handler");
            return;
        }
        if (probe.getHttpGet() != null) {
            require(owner, path + ".httpGet.port", probe.getHttpGet().getPort());
            portExists(owner, path + ".httpGet.port", probe.getHttpGet().getPort(), portNames);
        }
    }

    private void portExists(HasMetadata owner, String path, IntOrString port, Set<String> portNames) {
        if (port != null && port.getStrVal() != null && !portNames.contains(port.getStrVal())) {
            fail(owner, path, "names port '" + port.getStrVal() + "' that no container declares");
        }
    }

    private void resources(HasMetadata owner, String path, ResourceRequirements resources) {
        if (resources == null) {
            return;
        }
        for (var section : List.of(Map.entry("requests", Objects.requireNonNullElse(resources.getRequests(), Map.<String, Quantity>of())),
                Map.entry("limits", Objects.requireNonNullElse(resources.getLimits(), Map.<String, Quantity>of())))) {
            section.getValue().forEach((resource, quantity) -> {
                try {
                    Quantity.getAmountInBytes(quantity);
                } catch (RuntimeException e) {
                    fail(owner, path + "." + section.getKey() + "." + resource, "'" + quantity + "' is not a quantity");
                }
            });
        }
    }

    private void service(Service service) {
        var spec = service.getSpec();
        require(service, "spec.ports", spec == null ? null : spec.getPorts());
        if (spec == null || spec.getPorts() == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (ServicePort port : spec.getPorts()) {
            if (port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
                fail(service, "spec.ports", "port must be 1-65535");
            }
            if (spec.getPorts().size() > 1 && port.getName() == null) {
                fail(service, "spec.ports", "every port needs a name when there are several");
            }
            if (port.getName() != null && !names.add(port.getName())) {
                fail(service, "spec.ports", "duplicate port name " + port.getName());
            }
        }
        require(service, "spec.selector", spec.getSelector());
        List<Deployment> selected = deploymentsSelectedBy(spec.getSelector());
        if (selected.isEmpty()) {
            fail(service, "spec.selector", "selects no rendered Deployment's pods");
        }
        for (ServicePort port : spec.getPorts()) {
            if (port.getTargetPort() != null && port.getTargetPort().getStrVal() != null) {
                String target = port.getTargetPort().getStrVal();
                for (Deployment deployment : selected) {
                    boolean declared = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                            .flatMap(c -> c.getPorts().stream()).anyMatch(p -> target.equals(p.getName()));
                    if (!declared) {
                        fail(service, "spec.ports.targetPort", "names port '" + target + "' that "
                                + deployment.getMetadata().getName() + " does not declare");
                    }
                }
            }
        }
    }

    private void configMap(ConfigMap configMap) {
        Objects.requireNonNullElse(configMap.getData(), Map.<String, String>of()).keySet().forEach(key -> {
            if (!CONFIG_KEY.matcher(key).matches() || key.length() > 253) {
                fail(configMap, "data." + key, "is not a valid ConfigMap key");
            }
        });
    }

    private void autoscaler(HorizontalPodAutoscaler hpa) {
        var spec = hpa.getSpec();
        require(hpa, "spec.scaleTargetRef", spec == null ? null : spec.getScaleTargetRef());
        if (spec == null || spec.getScaleTargetRef() == null) {
            return;
        }
        require(hpa, "spec.scaleTargetRef.kind", spec.getScaleTargetRef().getKind());
        require(hpa, "spec.scaleTargetRef.name", spec.getScaleTargetRef().getName());
        if (!"Deployment".equals(spec.getScaleTargetRef().getKind())
                || !exists(Deployment.class, spec.getScaleTargetRef().getName())) {
            fail(hpa, "spec.scaleTargetRef", "does not point to a rendered Deployment");
        }
        require(hpa, "spec.maxReplicas", spec.getMaxReplicas());
        int min = Objects.requireNonNullElse(spec.getMinReplicas(), 1);
        if (min < 1 || spec.getMaxReplicas() == null || spec.getMaxReplicas() < min) {
            fail(hpa, "spec", "needs 1 <= minReplicas <= maxReplicas");
        }
        require(hpa, "spec.metrics", spec.getMetrics());
        spec.getMetrics().forEach(metric -> {
            require(hpa, "spec.metrics.type", metric.getType());
            if ("Resource".equals(metric.getType())) {
                require(hpa, "spec.metrics.resource.name", metric.getResource().getName());
                require(hpa, "spec.metrics.resource.target.type", metric.getResource().getTarget().getType());
            }
        });
        Deployment target = find(Deployment.class, spec.getScaleTargetRef().getName());
        if (target != null && target.getSpec().getReplicas() != null) {
            fail(hpa, "spec.scaleTargetRef", target.getMetadata().getName()
                    + " sets spec.replicas, which every upgrade would reset under the autoscaler");
        }
    }

    private void disruptionBudget(PodDisruptionBudget pdb) {
        var spec = pdb.getSpec();
        require(pdb, "spec.selector", spec == null ? null : spec.getSelector());
        if (spec == null || spec.getSelector() == null) {
            return;
        }
        if ((spec.getMinAvailable() == null) == (spec.getMaxUnavailable() == null)) {
            fail(pdb, "spec", "needs exactly one of minAvailable and maxUnavailable");
        }
        if (deploymentsSelectedBy(spec.getSelector().getMatchLabels()).isEmpty()) {
            fail(pdb, "spec.selector", "selects no rendered Deployment's pods");
        }
    }

    private void networkPolicy(NetworkPolicy policy) {
        var spec = policy.getSpec();
        require(policy, "spec", spec);
        if (spec == null) {
            return;
        }
        require(policy, "spec.podSelector", spec.getPodSelector());
        require(policy, "spec.policyTypes", spec.getPolicyTypes());
        for (var rule : spec.getIngress()) {
            rule.getFrom().forEach(peer -> peer(policy, "spec.ingress.from", peer));
            rule.getPorts().forEach(port -> port(policy, "spec.ingress.ports", port));
        }
        for (var rule : spec.getEgress()) {
            rule.getTo().forEach(peer -> peer(policy, "spec.egress.to", peer));
            rule.getPorts().forEach(port -> port(policy, "spec.egress.ports", port));
        }
    }

    private void peer(HasMetadata policy, String path, NetworkPolicyPeer peer) {
        if (peer.getPodSelector() == null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null) {
            fail(policy, path, "a peer needs a podSelector, namespaceSelector or ipBlock");
        }
        if (peer.getIpBlock() != null) {
            require(policy, path + ".ipBlock.cidr", peer.getIpBlock().getCidr());
        }
    }

    private void port(HasMetadata policy, String path, NetworkPolicyPort port) {
        require(policy, path + ".port", port.getPort());
        if (port.getProtocol() != null && !Set.of("TCP", "UDP", "SCTP").contains(port.getProtocol())) {
            fail(policy, path + ".protocol", "must be TCP, UDP or SCTP");
        }
    }

    private void ingress(Ingress ingress) {
        var spec = ingress.getSpec();
        require(ingress, "spec.rules", spec == null ? null : spec.getRules());
        if (spec == null || spec.getRules() == null) {
            return;
        }
        for (IngressRule rule : spec.getRules()) {
            if (rule.getHost() != null && !DNS_SUBDOMAIN.matcher(rule.getHost()).matches()) {
                fail(ingress, "spec.rules.host", "'" + rule.getHost() + "' is not a host name");
            }
            require(ingress, "spec.rules.http.paths", rule.getHttp() == null ? null : rule.getHttp().getPaths());
            if (rule.getHttp() == null) {
                continue;
            }
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                if (path.getPath() == null || !path.getPath().startsWith("/")) {
                    fail(ingress, "spec.rules.http.paths.path", "must start with /");
                }
                if (!PATH_TYPES.contains(path.getPathType())) {
                    fail(ingress, "spec.rules.http.paths.pathType", "is required: Exact, Prefix or ImplementationSpecific");
                }
                var backend = path.getBackend() == null ? null : path.getBackend().getService();
                require(ingress, "spec.rules.http.paths.backend.service", backend);
                if (backend == null) {
                    continue;
                }
                Service service = find(Service.class, backend.getName());
                if (service == null) {
                    fail(ingress, "spec.rules.http.paths.backend.service.name", "names no rendered Service: " + backend.getName());
                } else if (backend.getPort() == null || service.getSpec().getPorts().stream().noneMatch(p ->
                        Objects.equals(p.getName(), backend.getPort().getName()) && backend.getPort().getName() != null
                                || Objects.equals(p.getPort(), backend.getPort().getNumber()))) {
                    fail(ingress, "spec.rules.http.paths.backend.service.port", "names no port of " + backend.getName());
                }
            }
        }
        for (var tls : spec.getTls()) {
            require(ingress, "spec.tls.secretName", tls.getSecretName());
            require(ingress, "spec.tls.hosts", tls.getHosts());
        }
    }

    private List<Deployment> deploymentsSelectedBy(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        Predicate<Deployment> selects = d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(selector.entrySet());
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).filter(selects).toList();
    }

    private <T extends HasMetadata> boolean exists(Class<T> type, String name) {
        return find(type, name) != null;
    }

    private <T extends HasMetadata> T find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
