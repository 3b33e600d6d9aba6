package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What is reachable from where: the public API through the Ingress, management only inside the cluster. */
class ExposureTest {

    private static final Set<Integer> MANAGEMENT_PORTS = Set.of(9181, 9182, 9183, 9184);

    @TempDir
    Path valuesDir;

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theManagementPortIsInNoIngress(RenderedChart chart) {
        for (IngressServiceBackend backend : ingressBackends(chart)) {
            Service service = chart.all(Service.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(backend.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("the Ingress routes to unknown Service " + backend.getName()));
            ServicePort port = service.getSpec().getPorts().stream()
                    .filter(p -> backend.getPort().getName() != null
                            ? backend.getPort().getName().equals(p.getName())
                            : backend.getPort().getNumber().equals(p.getPort()))
                    .findFirst().orElseThrow(() -> new AssertionError("the Ingress routes to a missing port"));
            assertEquals("http", port.getName(), "the Ingress routes to " + service.getMetadata().getName());
            assertFalse(isManagement(port), "the Ingress reaches a management port");
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theManagementPortIsOnlyOnClusterIpServices(RenderedChart chart) {
        for (Service service : chart.all(Service.class)) {
            boolean carriesManagement = service.getSpec().getPorts().stream().anyMatch(ExposureTest::isManagement);
            if (carriesManagement) {
                assertEquals("ClusterIP", service.getSpec().getType(), service.getMetadata().getName());
                assertEquals(1, service.getSpec().getPorts().size(),
                        service.getMetadata().getName() + " mixes management with other ports");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyServiceOffersHttpAndGrpcOnItsApiMdPorts(RenderedChart chart) {
        for (String service : RenderedChart.SERVICES) {
            int offset = RenderedChart.SERVICES.indexOf(service);
            Service api = chart.serviceWithPort(service, "http");
            List<String> ports = api.getSpec().getPorts().stream()
                    .map(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal())
                    .toList();
            assertEquals(List.of("http:" + (8081 + offset) + "->http", "grpc:" + (9081 + offset) + "->grpc"), ports);
            Service management = chart.serviceWithPort(service, "management");
            assertEquals(9181 + offset, management.getSpec().getPorts().getFirst().getPort());
        }
    }

    @Test
    void theIngressIsOffByDefault() {
        assertEquals(List.of(), RenderedChart.withDefaultValues().all(Ingress.class));
    }

    @Test
    void theProductionIngressExposesOnlyApiV1PathsOfTheFourServices() {
        RenderedChart chart = RenderedChart.withProductionValues();
        List<HTTPIngressPath> paths = ingressPaths(chart);
        assertFalse(paths.isEmpty(), "the production example publishes no API");
        for (HTTPIngressPath path : paths) {
            assertTrue(path.getPath().startsWith("/api/v1/"), path.getPath() + " is not under /api/v1/");
        }
        Set<String> routed = paths.stream().map(p -> p.getBackend().getService().getName()).collect(Collectors.toSet());
        Set<String> apiServices = RenderedChart.SERVICES.stream()
                .map(s -> chart.serviceWithPort(s, "http").getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(apiServices, routed);
        assertFalse(chart.all(Ingress.class).getFirst().getSpec().getTls().isEmpty(), "the production API has no TLS");
    }

    @Test
    void aPathOutsideTheApiIsRefused() throws IOException {
        Path values = Files.writeString(valuesDir.resolve("metrics.yaml"), """
                ingress:
                  enabled: true
                  paths:
                    - path: /q/metrics
                      pathType: Prefix
                      service: audit-service
                """);
        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> RenderedChart.template(values));
        assertTrue(failure.getMessage().contains("ingress.paths"), failure.getMessage());
    }

    private static boolean isManagement(ServicePort port) {
        IntOrString target = port.getTargetPort();
        return MANAGEMENT_PORTS.contains(port.getPort())
                || (target.getIntVal() != null ? MANAGEMENT_PORTS.contains(target.getIntVal())
                        : "management".equals(target.getStrVal()));
    }

    private static List<HTTPIngressPath> ingressPaths(RenderedChart chart) {
        return chart.all(Ingress.class).stream()
                .flatMap(ingress -> ingress.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .toList();
    }

    private static List<IngressServiceBackend> ingressBackends(RenderedChart chart) {
        return Stream.concat(
                        ingressPaths(chart).stream().map(p -> p.getBackend().getService()),
                        chart.all(Ingress.class).stream()
                                .filter(i -> i.getSpec().getDefaultBackend() != null)
                                .map(i -> i.getSpec().getDefaultBackend().getService()))
                .toList();
    }
}
