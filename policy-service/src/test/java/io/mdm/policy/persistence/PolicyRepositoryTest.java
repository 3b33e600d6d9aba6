package io.mdm.policy.persistence;

import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.policy.Policy;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.PolicyDraft;
import io.mdm.policy.domain.PolicySettings;
import io.mdm.policy.domain.PolicyTarget;
import io.mdm.policy.persistence.PolicyRepository.ActivePolicy;
import io.mdm.policy.persistence.PolicyRepository.WriteOutcome;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class PolicyRepositoryTest {

    private static final Instant CREATED = Instant.parse("2026-02-01T08:00:00Z");
    private static final Instant LATER = Instant.parse("2026-02-02T08:00:00Z");

    @Inject
    PolicyRepository policies;

    private static PolicySettings retention(int days) {
        return new PolicySettings(null, null, null, new PolicySettings.Messaging(null, true, days), null, null, null);
    }

    private static PolicyDraft draft(Set<Ownership> ownership, Set<String> employeeIds, PolicySettings settings) {
        return new PolicyDraft("Repository test", null, new PolicyTarget(ownership, employeeIds), settings);
    }

    private Policy stored(Set<Ownership> ownership, Set<String> employeeIds, PolicySettings settings) {
        Policy policy = Policy.create(UUID.randomUUID().toString(), draft(ownership, employeeIds, settings), "alice",
                CREATED);
        policies.create(policy);
        return policy;
    }

    /** The ids among {@code found} that belong to this test (other tests' policies share the database). */
    private static Set<String> idsAmong(List<ActivePolicy> found, Set<String> ours) {
        return found.stream().map(ActivePolicy::policyId).filter(ours::contains).collect(Collectors.toSet());
    }

    @Test
    void activePoliciesAreThoseWhoseTargetAppliesToTheDevice() {
        Policy everyByod = stored(Set.of(Ownership.BYOD), Set.of(), retention(10));
        Policy corporateOnly = stored(Set.of(Ownership.CORPORATE), Set.of(), retention(20));
        Policy erinsByod = stored(Set.of(Ownership.BYOD), Set.of("E1001"), retention(30));
        Policy everyPhone = stored(Set.of(Ownership.BYOD, Ownership.CORPORATE), Set.of(), retention(40));
        Policy archived = stored(Set.of(Ownership.BYOD), Set.of(), retention(50));
        assertInstanceOf(WriteOutcome.Written.class, policies.archive(archived.id(), version -> true, "alice", LATER));
        Set<String> ours = Set.of(everyByod.id(), corporateOnly.id(), erinsByod.id(), everyPhone.id(), archived.id());

        assertEquals(Set.of(everyByod.id(), erinsByod.id(), everyPhone.id()),
                idsAmong(policies.activePoliciesFor(Ownership.BYOD, "E1001"), ours));
        assertEquals(Set.of(everyByod.id(), everyPhone.id()),
                idsAmong(policies.activePoliciesFor(Ownership.BYOD, "E1002"), ours));
        assertEquals(Set.of(corporateOnly.id(), everyPhone.id()),
                idsAmong(policies.activePoliciesFor(Ownership.CORPORATE, "E1001"), ours));

        ActivePolicy erins = policies.activePoliciesFor(Ownership.BYOD, "E1001").stream()
                .filter(policy -> policy.policyId().equals(erinsByod.id())).findFirst().orElseThrow();
        assertEquals(new ActivePolicy(erinsByod.id(), 1, retention(30)), erins);
    }

    @Test
    void activePoliciesCarryTheLatestVersion() {
        Policy policy = stored(Set.of(Ownership.CORPORATE), Set.of(), retention(10));

        policies.revise(policy.id(), version -> true, draft(Set.of(Ownership.CORPORATE), Set.of(), retention(90)),
                "alice", LATER);

        assertTrue(policies.activePoliciesFor(Ownership.CORPORATE, "E1002")
                .contains(new ActivePolicy(policy.id(), 2, retention(90))));
    }

    @Test
    void aVersionNumberIsStoredOnlyOnce() {
        Policy policy = stored(Set.of(Ownership.BYOD), Set.of(), retention(10));
        Policy second = policy.revise(draft(Set.of(Ownership.BYOD), Set.of(), retention(20)), "alice", LATER);
        Policy rival = policy.revise(draft(Set.of(Ownership.BYOD), Set.of(), retention(30)), "adam", LATER);

        assertTrue(policies.insertVersion(second));
        assertFalse(policies.insertVersion(rival));
    }

    @Test
    void aVersionLeftBehindByACrashedWriterIsCompletedByTheNextWriter() {
        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.POLICY)) {
            Policy policy = stored(Set.of(Ownership.BYOD), Set.of(), retention(10));
            Policy crashed = policy.revise(draft(Set.of(Ownership.BYOD), Set.of(), retention(20)), "crashed-writer",
                    LATER);
            // The first half of a change only, as if the writer died before moving the head.
            assertTrue(policies.insertVersion(crashed));
            assertEquals(1, policies.find(policy.id()).orElseThrow().version());
            assertTrue(policies.findVersion(policy.id(), 2).isEmpty(), "a version the head does not reach is not served");

            WriteOutcome outcome = policies.revise(policy.id(), version -> true,
                    draft(Set.of(Ownership.BYOD), Set.of(), retention(30)), "alice", LATER);

            assertEquals(3, assertInstanceOf(WriteOutcome.Written.class, outcome).policy().version());
            Policy head = policies.find(policy.id()).orElseThrow();
            assertEquals(3, head.version());
            assertEquals(retention(30), head.settings());
            assertEquals(retention(20), policies.findVersion(policy.id(), 2).orElseThrow().settings());
            assertEquals("crashed-writer", policies.findVersion(policy.id(), 2).orElseThrow().updatedBy());
            TopicReader.Event completed = reader.await(event -> event.type().equals(EventTypes.POLICY_PUBLISHED)
                    && policy.id().equals(event.key()) && event.data().path("version").asInt() == 2,
                    Duration.ofSeconds(30));
            assertEquals("crashed-writer", completed.data().path("publishedBy").asText());
            reader.await(event -> event.type().equals(EventTypes.POLICY_PUBLISHED)
                    && policy.id().equals(event.key()) && event.data().path("version").asInt() == 3,
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void concurrentRevisionsNeverShareAVersion() throws Exception {
        Policy policy = stored(Set.of(Ownership.CORPORATE), Set.of(), retention(10));
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WriteOutcome>> results = new ArrayList<>();
        try {
            for (int writer = 1; writer <= writers; writer++) {
                int days = 100 + writer;
                String by = "writer-" + writer;
                results.add(pool.submit(() -> {
                    start.await();
                    return policies.revise(policy.id(), version -> true,
                            draft(Set.of(Ownership.CORPORATE), Set.of(), retention(days)), by, LATER);
                }));
            }
            start.countDown();
            Map<Integer, String> writerOfVersion = new HashMap<>();
            for (Future<WriteOutcome> result : results) {
                Policy written = assertInstanceOf(WriteOutcome.Written.class, result.get(60, TimeUnit.SECONDS)).policy();
                String earlier = writerOfVersion.put(written.version(), written.updatedBy());
                assertNull(earlier, "version " + written.version() + " was written twice");
            }

            assertEquals(new HashSet<>(List.of(2, 3, 4, 5, 6, 7)), writerOfVersion.keySet());
            assertEquals(7, policies.find(policy.id()).orElseThrow().version());
            for (Map.Entry<Integer, String> version : writerOfVersion.entrySet()) {
                Policy stored = policies.findVersion(policy.id(), version.getKey()).orElseThrow();
                assertEquals(version.getValue(), stored.updatedBy());
                int writer = Integer.parseInt(version.getValue().substring("writer-".length()));
                assertEquals(100 + writer, stored.settings().messaging().retentionDays(),
                        "each version holds the settings of the writer it names");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
