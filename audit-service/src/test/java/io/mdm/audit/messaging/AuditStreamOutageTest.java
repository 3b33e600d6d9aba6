package io.mdm.audit.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.KafkaBroker;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PRODUCT.md principle 5 for the audit stream: a Kafka outage delays it, nothing more. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuditStreamOutageTest {

    @Inject
    AuditLog log;

    @Test
    void recordsAppendedWhileKafkaIsDownArriveInSeqOrderOnceEachWhenItIsBack() {
        Optional<KafkaBroker> ours = TestInfrastructure.get().kafkaBroker();
        Assumptions.assumeTrue(ours.isPresent(), "the broker is ours to stop only with the native test servers");
        KafkaBroker broker = ours.get();
        try (TopicReader stream = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.AUDIT)) {
            AuditRecord before = log.append("test.outage", "tester", null, JsonNodeFactory.instance.objectNode());
            stream.await(event -> isRecord(event, before.seq()), Duration.ofSeconds(60));

            List<AuditRecord> during = new ArrayList<>();
            broker.stop();
            try {
                for (int i = 0; i < 5; i++) {
                    during.add(log.append("test.outage", "tester", null, JsonNodeFactory.instance.objectNode().put("i", i)));
                }
            } finally {
                broker.start();
            }
            long last = during.getLast().seq();
            stream.await(event -> isRecord(event, last), Duration.ofSeconds(120));

            List<Long> arrived = stream.seen().stream()
                    .filter(event -> event.type().equals(EventTypes.AUDIT_RECORD))
                    .map(event -> event.data().path("seq").asLong())
                    .filter(seq -> seq > before.seq())
                    .toList();
            for (int i = 0; i < arrived.size(); i++) {
                assertEquals(before.seq() + 1 + i, arrived.get(i), "in seq order, without gaps or repeats: " + arrived);
            }
            assertTrue(arrived.containsAll(during.stream().map(AuditRecord::seq).toList()));
        }
    }

    private static boolean isRecord(TopicReader.Event event, long seq) {
        return event.type().equals(EventTypes.AUDIT_RECORD) && event.data().path("seq").asLong(-1) == seq;
    }
}
