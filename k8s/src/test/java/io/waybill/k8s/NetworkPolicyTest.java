package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Default deny, then only the paths the architecture uses. */
class NetworkPolicyTest {

    private static final Set<String> PUBLIC = Set.of("order-service", "inventory-service", "shipment-service",
            "portal-api", "odoo-connector");

    @Test
    void aDefaultDenyPolicyCoversEveryWaybillPodInBothDirections() {
        NetworkPolicy deny = RenderedObjects.named(Values.DEFAULT, NetworkPolicy.class, "waybill-default-deny");

        assertEquals(Map.of("app.kubernetes.io/instance", "waybill", "app.kubernetes.io/part-of", "waybill"),
                deny.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty(), "allows nothing");
    }

    @Test
    void everyServiceMayReachOnlyDnsItsDatabaseTheBrokerKeycloakAndTheCollectorPlusItsDeclaredCalls() {
        for (NetworkPolicy policy : servicePolicies()) {
            String service = policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
            Set<Integer> ports = policy.getSpec().getEgress().stream()
                    .flatMap(rule -> rule.getPorts().stream())
                    .filter(p -> p.getPort().getIntVal() != null)
                    .map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
            Set<Integer> expected = new java.util.HashSet<>(Set.of(53, 5432, 5672, 8080, 4317));
            if (Set.of("order-service", "shipment-service", "odoo-connector").contains(service)) {
                expected.add(443); // carriers, 3PLs, Odoo
            }
            assertEquals(expected, ports, service + " egress ports");
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    if (peer.getIpBlock() != null) {
                        assertTrue(peer.getIpBlock().getExcept().containsAll(List.of("10.0.0.0/8", "169.254.0.0/16")),
                                service + ": internet egress excludes cluster ranges and the metadata service");
                    }
                }
            }
        }
    }

    @Test
    void onlyServicesWithPortalOrPartnerEndpointsAcceptTheIngressController() {
        for (NetworkPolicy policy : servicePolicies()) {
            String service = policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
            boolean fromIngressController = policy.getSpec().getIngress().stream()
                    .flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() != null && "ingress-nginx".equals(
                            peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")));
            assertEquals(PUBLIC.contains(service), fromIngressController, service);
        }
    }

    @Test
    void prometheusMayScrapeEveryService() {
        for (NetworkPolicy policy : servicePolicies()) {
            assertTrue(policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(peer -> peer.getPodSelector() != null && "prometheus".equals(
                            peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))),
                    policy.getMetadata().getName());
        }
    }

    @Test
    void aRestCallIsAllowedOnBothEndsAndNowhereElse() {
        NetworkPolicy order = RenderedObjects.named(Values.DEFAULT, NetworkPolicy.class, "waybill-order-service");
        NetworkPolicy inventory = RenderedObjects.named(Values.DEFAULT, NetworkPolicy.class, "waybill-inventory-service");
        NetworkPolicy billing = RenderedObjects.named(Values.DEFAULT, NetworkPolicy.class, "waybill-billing-service");

        assertTrue(podsReached(order).containsAll(Set.of("inventory-service", "shipment-service")));
        assertEquals(Set.of("order-service"), podsAdmitted(inventory));
        assertEquals(Set.of(), podsAdmitted(billing), "nobody calls billing-service over REST");
        assertEquals(Set.of(), podsReached(billing), "billing-service calls no other service");
    }

    private static List<NetworkPolicy> servicePolicies() {
        List<NetworkPolicy> policies = RenderedObjects.of(Values.DEFAULT, NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels().containsKey("app.kubernetes.io/name"))
                .toList();
        assertEquals(7, policies.size());
        return policies;
    }

    private static Set<String> podsReached(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream()).map(NetworkPolicyTest::waybillPod)
                .filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static Set<String> podsAdmitted(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream().map(NetworkPolicyIngressRule::getFrom).flatMap(List::stream)
                .map(NetworkPolicyTest::waybillPod).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** The Waybill service a same-namespace pod selector points to, or null for other peers. */
    private static String waybillPod(NetworkPolicyPeer peer) {
        if (peer.getNamespaceSelector() != null || peer.getPodSelector() == null) {
            return null;
        }
        Map<String, String> labels = peer.getPodSelector().getMatchLabels();
        return "waybill".equals(labels.get("app.kubernetes.io/instance")) ? labels.get("app.kubernetes.io/name") : null;
    }
}
