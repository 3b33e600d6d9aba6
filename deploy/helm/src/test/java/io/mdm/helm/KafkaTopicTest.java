package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional Strimzi topics: the five topics of API.md with partitions, retention and min.insync.replicas. */
class KafkaTopicTest {

    private static final List<String> TOPICS = List.of(
            "mdm.audit.v1", "mdm.backup.v1", "mdm.device.v1", "mdm.notifications.v1", "mdm.policy.v1");

    @Test
    void noTopicIsCreatedByDefault() {
        assertEquals(List.of(), RenderedChart.withDefaultValues().all("KafkaTopic"));
    }

    @Test
    void theProductionExampleCreatesTheFiveTopicsForItsStrimziCluster() {
        List<GenericKubernetesResource> topics = RenderedChart.withProductionValues().all("KafkaTopic");
        assertEquals(TOPICS, topics.stream().map(t -> (String) spec(t).get("topicName")).sorted().toList());
        for (GenericKubernetesResource topic : topics) {
            String name = (String) spec(topic).get("topicName");
            assertEquals("mdm-kafka", topic.getMetadata().getLabels().get("strimzi.io/cluster"), name);
            assertEquals("keep", topic.getMetadata().getAnnotations().get("helm.sh/resource-policy"),
                    name + " would be deleted with the release");
            assertEquals(3, ((Number) spec(topic).get("replicas")).intValue(), name);
            Map<?, ?> config = (Map<?, ?>) spec(topic).get("config");
            assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue(), name);
            assertEquals(true, ((Number) config.get("retention.ms")).longValue() >= 7L * 24 * 3600 * 1000,
                    name + " keeps events for less than a week");
        }
    }

    @Test
    void theAuditTopicHasOnePartitionSoThatReadersSeeTheLogInOrder() {
        GenericKubernetesResource audit = RenderedChart.withProductionValues().all("KafkaTopic").stream()
                .filter(t -> "mdm.audit.v1".equals(spec(t).get("topicName"))).findFirst().orElseThrow();
        assertEquals(1, ((Number) spec(audit).get("partitions")).intValue());
    }

    private static Map<?, ?> spec(GenericKubernetesResource topic) {
        return (Map<?, ?>) topic.getAdditionalProperties().get("spec");
    }
}
