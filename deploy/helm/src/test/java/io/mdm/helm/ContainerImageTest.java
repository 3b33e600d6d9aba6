package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Images are <registry>/mdm/<service>:<pinned tag>, and each is built by that service's Dockerfile. */
class ContainerImageTest {

    private static final Pattern IMAGE =
            Pattern.compile("^(?<registry>[^/]+(?:/[^/]+)*)/mdm/(?<service>[a-z-]+):(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]*)"
                    + "(?:@(?<digest>sha256:[a-f0-9]{64}))?$");
    private static final Path REPOSITORY_ROOT = RenderedChart.MODULE_DIR.resolve("../..").normalize();

    @TempDir
    Path valuesDir;

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyImageIsPinnedToAVersionAndNeverToLatest(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : WorkloadSecurityTest.allContainers(deployment)) {
                Matcher image = IMAGE.matcher(container.getImage());
                assertTrue(image.matches(), container.getImage() + " is not <registry>/mdm/<service>:<tag>");
                assertFalse(image.group("tag").equalsIgnoreCase("latest"), container.getImage());
                assertEquals("IfNotPresent", container.getImagePullPolicy(), container.getName());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyImageIsTheOneItsServiceDockerfileBuilds(RenderedChart chart) throws IOException {
        for (Deployment deployment : chart.all(Deployment.class)) {
            Container container = WorkloadSecurityTest.podSpec(deployment).getContainers().getFirst();
            Matcher image = IMAGE.matcher(container.getImage());
            assertTrue(image.matches(), container.getImage());
            String service = image.group("service");
            assertEquals(deployment.getMetadata().getLabels().get(RenderedChart.COMPONENT_LABEL), service);
            Path dockerfile = REPOSITORY_ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
            String text = Files.readString(dockerfile);
            assertTrue(text.contains("target/quarkus-app/"), dockerfile + " does not package the Quarkus fast-jar");
            assertTrue(text.contains("\nUSER 185"), dockerfile + " does not run as user 185");
            assertTrue(text.contains("mdm/" + service + ":"), dockerfile + " does not name the image the chart pulls");
            assertTrue(Pattern.compile("(?m)^FROM \\S+openjdk-21-runtime:\\d[^\\s]*$").matcher(text).find(),
                    dockerfile + " does not pin a UBI OpenJDK 21 runtime tag");
        }
    }

    @Test
    void theDefaultTagIsTheChartAppVersion() {
        String appVersion = ChartFiles.appVersion();
        assertFalse(appVersion.isBlank());
        for (String service : RenderedChart.SERVICES) {
            Container container = WorkloadSecurityTest.podSpec(RenderedChart.withDefaultValues().deployment(service))
                    .getContainers().getFirst();
            assertEquals(ChartFiles.read(RenderedChart.CHART.resolve("values.yaml")).path("image").path("registry")
                    .asText() + "/mdm/" + service + ":" + appVersion, container.getImage());
        }
    }

    @Test
    void aDigestPinsTheImageByContent() throws IOException {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        Path values = Files.writeString(valuesDir.resolve("digest.yaml"), """
                image:
                  tag: "1.2.3"
                  digest: %s
                """.formatted(digest));
        Container container = WorkloadSecurityTest.podSpec(RenderedChart.withValues(values)
                .deployment("audit-service")).getContainers().getFirst();
        assertTrue(container.getImage().endsWith("/mdm/audit-service:1.2.3@" + digest), container.getImage());
    }

    @Test
    void theLatestTagIsRefused() throws IOException {
        Path values = Files.writeString(valuesDir.resolve("latest.yaml"), """
                image:
                  tag: latest
                """);
        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> RenderedChart.template(values));
        assertTrue(failure.getMessage().contains("image.tag"), failure.getMessage());
    }
}
