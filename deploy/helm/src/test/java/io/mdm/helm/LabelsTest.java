package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The app.kubernetes.io labels of Kubernetes' recommended set, on every object and every pod. */
class LabelsTest {

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyObjectCarriesTheRecommendedLabels(RenderedChart chart) {
        for (HasMetadata object : chart.objects()) {
            assertRecommendedLabels(object.getKind() + " " + object.getMetadata().getName(),
                    object.getMetadata().getLabels());
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyPodCarriesTheRecommendedLabelsAndItsComponent(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertRecommendedLabels("pods of " + deployment.getMetadata().getName(), labels);
            String component = labels.get(RenderedChart.COMPONENT_LABEL);
            assertTrue(RenderedChart.SERVICES.contains(component), "component " + component);
            assertTrue(LabelSelectors.selects(deployment.getSpec().getSelector(), labels),
                    deployment.getMetadata().getName() + " does not select its own pods");
            assertEquals(component, deployment.getSpec().getSelector().getMatchLabels().get(RenderedChart.COMPONENT_LABEL),
                    deployment.getMetadata().getName() + " selects pods of other services");
        }
    }

    private static void assertRecommendedLabels(String what, Map<String, String> labels) {
        assertNotNull(labels, what + " has no labels");
        assertEquals("mdm-platform", labels.get("app.kubernetes.io/name"), what);
        assertEquals(RenderedChart.RELEASE, labels.get("app.kubernetes.io/instance"), what);
        assertEquals(ChartFiles.appVersion(), labels.get("app.kubernetes.io/version"), what);
        assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), what);
        assertEquals("mdm-platform", labels.get("app.kubernetes.io/part-of"), what);
        assertNotNull(labels.get("helm.sh/chart"), what);
    }
}
