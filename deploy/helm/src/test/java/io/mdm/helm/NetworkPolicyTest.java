package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Default deny, then only the calls the architecture needs (API.md). */
class NetworkPolicyTest {

    /** The gRPC ports of API.md, and the one service allowed to call each (none calls backup-service). */
    private static final Map<String, Integer> GRPC_PORTS = Map.of(
            "enrollment-service", 9081, "policy-service", 9082, "backup-service", 9083, "audit-service", 9084);
    private static final Map<String, String> ONLY_GRPC_CALLER = Map.of(
            "enrollment-service", "policy-service", "policy-service", "backup-service", "audit-service", "backup-service");
    /** Service-to-service calls (callee and its container port) from the issue: gRPC plus the JWKS over HTTP. */
    private static final Map<String, Set<String>> ALLOWED_CALLS = Map.of(
            "policy-service", Set.of("enrollment-service:9081", "enrollment-service:8081"),
            "backup-service", Set.of("enrollment-service:8081", "policy-service:9082", "audit-service:9084"),
            "enrollment-service", Set.of(),
            "audit-service", Set.of());

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyPodIsSelectedByANetworkPolicy(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertFalse(policiesSelecting(chart, deployment).isEmpty(),
                    "no NetworkPolicy selects the pods of " + deployment.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aDefaultDenyPolicyCoversEveryPod(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            boolean denied = policiesSelecting(chart, deployment).stream().anyMatch(policy ->
                    policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                            && isEmpty(policy.getSpec().getIngress()) && isEmpty(policy.getSpec().getEgress()));
            assertTrue(denied, "no default-deny policy covers " + deployment.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void grpcPortsAcceptOnlyTheServiceThatCallsThem(RenderedChart chart) {
        for (String service : RenderedChart.SERVICES) {
            int grpcPort = GRPC_PORTS.get(service);
            List<NetworkPolicyIngressRule> rules = policiesSelecting(chart, chart.deployment(service)).stream()
                    .flatMap(policy -> listOrEmpty(policy.getSpec().getIngress()).stream())
                    .filter(rule -> opensPort(rule.getPorts(), grpcPort))
                    .toList();
            String caller = ONLY_GRPC_CALLER.get(service);
            if (caller == null) {
                assertTrue(rules.isEmpty(), service + " gRPC is open to " + rules);
                continue;
            }
            assertFalse(rules.isEmpty(), service + " gRPC is closed to " + caller);
            for (NetworkPolicyIngressRule rule : rules) {
                assertFalse(isEmpty(rule.getFrom()), service + " gRPC is open to every source");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertOnlyPodsOf(caller, peer, service + " gRPC");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void egressReachesOnlyNamedPortsAndTheServicesThatAreCalled(RenderedChart chart) {
        for (String service : RenderedChart.SERVICES) {
            Set<String> calls = new HashSet<>();
            for (NetworkPolicy policy : policiesSelecting(chart, chart.deployment(service))) {
                for (NetworkPolicyEgressRule rule : listOrEmpty(policy.getSpec().getEgress())) {
                    assertFalse(isEmpty(rule.getPorts()), service + " may send to any port: " + rule);
                    List<NetworkPolicyPeer> podPeers = listOrEmpty(rule.getTo()).stream()
                            .filter(peer -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null)
                            .toList();
                    for (NetworkPolicyPeer peer : podPeers) {
                        String callee = peer.getPodSelector().getMatchLabels().get(RenderedChart.COMPONENT_LABEL);
                        for (NetworkPolicyPort port : rule.getPorts()) {
                            calls.add(callee + ":" + port.getPort().getIntVal());
                        }
                    }
                }
            }
            assertEquals(ALLOWED_CALLS.get(service), calls, service + " calls");
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void egressAllowsDnsKafkaMongoDbAndKeycloak(RenderedChart chart) {
        for (String service : RenderedChart.SERVICES) {
            Set<Integer> ports = new HashSet<>();
            policiesSelecting(chart, chart.deployment(service)).stream()
                    .flatMap(policy -> listOrEmpty(policy.getSpec().getEgress()).stream())
                    .flatMap(rule -> rule.getPorts().stream())
                    .forEach(port -> ports.add(port.getPort().getIntVal()));
            assertTrue(ports.contains(53), service + " cannot resolve names");
            assertTrue(ports.contains(9092) || ports.contains(9093), service + " cannot reach Kafka");
            assertTrue(ports.contains(27017), service + " cannot reach MongoDB");
            assertTrue(ports.contains(443) || ports.contains(8443), service + " cannot reach Keycloak");
        }
    }

    private static void assertOnlyPodsOf(String caller, NetworkPolicyPeer peer, String what) {
        assertTrue(peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null,
                what + " is open to " + peer);
        Map<String, String> labels = peer.getPodSelector().getMatchLabels();
        assertEquals(caller, labels.get(RenderedChart.COMPONENT_LABEL), what + " is open to " + peer);
        assertEquals(RenderedChart.RELEASE, labels.get("app.kubernetes.io/instance"), what + " is open to " + peer);
    }

    private static boolean opensPort(List<NetworkPolicyPort> ports, int containerPort) {
        if (isEmpty(ports)) {
            return true;
        }
        return ports.stream().map(NetworkPolicyPort::getPort).anyMatch(port -> port == null
                || matches(port, containerPort));
    }

    private static boolean matches(IntOrString port, int containerPort) {
        return port.getIntVal() != null ? port.getIntVal() == containerPort : "grpc".equals(port.getStrVal());
    }

    static List<NetworkPolicy> policiesSelecting(RenderedChart chart, Deployment deployment) {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return chart.all(NetworkPolicy.class).stream()
                .filter(policy -> LabelSelectors.selects(policy.getSpec().getPodSelector(), podLabels))
                .toList();
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
