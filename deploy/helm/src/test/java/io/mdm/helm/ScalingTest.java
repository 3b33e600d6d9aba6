package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replicas, the optional autoscaler and disruption budgets. */
class ScalingTest {

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @Test
    void everyServiceRunsTwoReplicasByDefaultWithoutAnAutoscaler() {
        RenderedChart chart = RenderedChart.withDefaultValues();
        assertEquals(List.of(), chart.all(HorizontalPodAutoscaler.class));
        for (String service : RenderedChart.SERVICES) {
            assertEquals(2, chart.deployment(service).getSpec().getReplicas(), service);
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void anAutoscaledDeploymentLeavesItsReplicasToTheAutoscaler(RenderedChart chart) {
        for (HorizontalPodAutoscaler autoscaler : chart.all(HorizontalPodAutoscaler.class)) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertEquals("Deployment", target.getKind());
            Deployment deployment = chart.all(Deployment.class).stream()
                    .filter(d -> d.getMetadata().getName().equals(target.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("the autoscaler targets a missing " + target.getName()));
            assertNull(deployment.getSpec().getReplicas(), deployment.getMetadata().getName()
                    + " fixes its replicas although autoscaled");
            assertTrue(autoscaler.getSpec().getMinReplicas() >= 2, autoscaler.getMetadata().getName());
            assertTrue(autoscaler.getSpec().getMaxReplicas() >= autoscaler.getSpec().getMinReplicas());
        }
    }

    @Test
    void theProductionExampleAutoscalesTheStatelessServices() {
        List<String> targets = RenderedChart.withProductionValues().all(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getMetadata().getLabels().get(RenderedChart.COMPONENT_LABEL)).sorted().toList();
        assertEquals(List.of("backup-service", "enrollment-service", "policy-service"), targets);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyServiceHasADisruptionBudgetForItsOwnPods(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> budgets = chart.all(PodDisruptionBudget.class).stream()
                    .filter(b -> LabelSelectors.selects(b.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, budgets.size(), "disruption budgets of " + deployment.getMetadata().getName());
            assertEquals(podLabels.get(RenderedChart.COMPONENT_LABEL), budgets.getFirst().getSpec().getSelector()
                    .getMatchLabels().get(RenderedChart.COMPONENT_LABEL));
        }
    }
}
