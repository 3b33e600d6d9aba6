package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hardening a security review asks of every workload, with default and production values. */
class WorkloadSecurityTest {

    private static final String MANAGEMENT_PORT = "management";

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyServiceRunsAsADeployment(RenderedChart chart) {
        List<String> components = chart.all(Deployment.class).stream()
                .map(d -> d.getMetadata().getLabels().get(RenderedChart.COMPONENT_LABEL))
                .sorted().toList();
        assertEquals(RenderedChart.SERVICES.stream().sorted().toList(), components);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyContainerRunsAsNonRootWithReadOnlyRootFilesystem(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            PodSecurityContext pod = podSpec(deployment).getSecurityContext();
            assertNotNull(pod, name(deployment) + " has no pod security context");
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), name(deployment) + " pod may run as root");
            for (Container container : allContainers(deployment)) {
                SecurityContext context = container.getSecurityContext();
                assertNotNull(context, container.getName() + " has no security context");
                assertEquals(Boolean.TRUE, context.getRunAsNonRoot(), container.getName() + " may run as root");
                assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(),
                        container.getName() + " has a writable root file system");
                if (context.getRunAsUser() != null) {
                    assertTrue(context.getRunAsUser() > 0, container.getName() + " runs as user 0");
                }
            }
            if (pod.getRunAsUser() != null) {
                assertTrue(pod.getRunAsUser() > 0, name(deployment) + " runs as user 0");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyContainerDropsAllCapabilitiesAndCannotEscalatePrivileges(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : allContainers(deployment)) {
                SecurityContext context = container.getSecurityContext();
                assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(),
                        container.getName() + " may escalate privileges");
                assertFalse(Boolean.TRUE.equals(context.getPrivileged()), container.getName() + " is privileged");
                assertEquals(List.of("ALL"), context.getCapabilities().getDrop(),
                        container.getName() + " keeps capabilities");
                List<String> added = context.getCapabilities().getAdd();
                assertTrue(added == null || added.isEmpty(), container.getName() + " adds capabilities " + added);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyPodUsesTheRuntimeDefaultSeccompProfile(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertEquals("RuntimeDefault", podSpec(deployment).getSecurityContext().getSeccompProfile().getType(),
                    name(deployment));
            for (Container container : allContainers(deployment)) {
                var profile = container.getSecurityContext().getSeccompProfile();
                assertTrue(profile == null || "RuntimeDefault".equals(profile.getType()),
                        container.getName() + " overrides the seccomp profile");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyContainerHasResourceRequestsAndLimits(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : allContainers(deployment)) {
                ResourceRequirements resources = container.getResources();
                assertNotNull(resources, container.getName() + " has no resources");
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(resources.getRequests().get(resource),
                            container.getName() + " requests no " + resource);
                    assertNotNull(resources.getLimits().get(resource),
                            container.getName() + " has no " + resource + " limit");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void readinessAndLivenessProbesCheckHealthOnTheManagementPort(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                assertProbe(container, container.getReadinessProbe(), "/q/health/ready");
                assertProbe(container, container.getLivenessProbe(), "/q/health/live");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void noPodMountsAServiceAccountToken(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            PodSpec pod = podSpec(deployment);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name(deployment) + " mounts a token");
            ServiceAccount account = chart.all(ServiceAccount.class).stream()
                    .filter(sa -> sa.getMetadata().getName().equals(pod.getServiceAccountName()))
                    .findFirst().orElseThrow(() -> new AssertionError(name(deployment)
                            + " uses ServiceAccount " + pod.getServiceAccountName() + " that the chart does not render"));
            assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(),
                    account.getMetadata().getName() + " mounts its token by default");
            boolean projectsToken = pod.getVolumes().stream()
                    .anyMatch(v -> v.getProjected() != null && v.getProjected().getSources().stream()
                            .anyMatch(s -> s.getServiceAccountToken() != null));
            assertFalse(projectsToken, name(deployment) + " projects a service-account token");
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theOnlyWritableFileSystemIsAnEmptyDirForTemporaryFiles(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            PodSpec pod = podSpec(deployment);
            for (Container container : pod.getContainers()) {
                container.getVolumeMounts().stream().filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                        .forEach(mount -> {
                            var volume = pod.getVolumes().stream()
                                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                            assertNotNull(volume.getEmptyDir(), mount.getName() + " is writable and not an emptyDir");
                            assertEquals("/tmp", mount.getMountPath());
                        });
            }
            assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getHostPath() != null),
                    name(deployment) + " mounts a host path");
        }
    }

    private static void assertProbe(Container container, Probe probe, String path) {
        assertNotNull(probe, container.getName() + " has no probe for " + path);
        assertNotNull(probe.getHttpGet(), container.getName() + " probes " + path + " without HTTP");
        assertEquals(path, probe.getHttpGet().getPath());
        IntOrString port = probe.getHttpGet().getPort();
        ContainerPort management = container.getPorts().stream()
                .filter(p -> MANAGEMENT_PORT.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " declares no management port"));
        boolean onManagementPort = port.getIntVal() != null
                ? port.getIntVal().equals(management.getContainerPort())
                : MANAGEMENT_PORT.equals(port.getStrVal());
        assertTrue(onManagementPort, container.getName() + " probes " + path + " on port " + port);
        assertEquals(expectedManagementPort(container.getName()), management.getContainerPort(),
                container.getName() + " management port");
    }

    /** The management ports of API.md: 9181 to 9184 in the order of the services. */
    private static int expectedManagementPort(String service) {
        return 9181 + RenderedChart.SERVICES.indexOf(service);
    }

    static PodSpec podSpec(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    static List<Container> allContainers(Deployment deployment) {
        PodSpec pod = podSpec(deployment);
        return Stream.concat(pod.getContainers().stream(),
                pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();
    }

    private static String name(Deployment deployment) {
        return deployment.getMetadata().getName();
    }
}
