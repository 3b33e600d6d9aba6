package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Helm's own checks, and that what Helm renders is Kubernetes objects. */
class ChartLintTest {

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @Test
    void theChartPassesStrictLint() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyRenderedObjectIsATypedKubernetesObjectExceptTheStrimziTopics(RenderedChart chart) {
        List<HasMetadata> objects = chart.objects();
        assertFalse(objects.isEmpty(), "nothing rendered");
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource generic) {
                assertTrue(generic.getApiVersion().startsWith("kafka.strimzi.io/")
                        && "KafkaTopic".equals(generic.getKind()), "not a Kubernetes object: " + generic);
            }
            assertTrue(object.getMetadata().getName() != null && object.getMetadata().getName().length() <= 63,
                    object.getKind() + " " + object.getMetadata().getName());
        }
    }
}
