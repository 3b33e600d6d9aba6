package io.mdm.audit.persistence;

import com.mongodb.client.MongoClient;
import io.mdm.audit.StoryRequests;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.access.Grant;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AccessRequestRepositoryTest {

    @Inject
    AccessRequestRepository repository;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void aFiledRequestReadsBackAsStored() {
        AccessRequest filed = StoryRequests.filedByCarol(StoryRequests.now(), 5);

        repository.insert(filed);

        assertEquals(Optional.of(filed), repository.find(filed.id()));
    }

    @Test
    void ofTwoApprovalsOfTheSameVersionOnlyTheFirstIsStored() {
        Instant now = StoryRequests.now();
        AccessRequest filed = StoryRequests.filedByCarol(now, 5);
        repository.insert(filed);
        AccessRequest byPaul = StoryRequests.approvedByPaul(filed, now);
        AccessRequest byPia = filed.approve(StoryRequests.PIA, "Also fine.", 0, null, "grant-of-pia",
                StoryRequests.RULES, now);

        assertTrue(repository.store(byPaul));
        assertFalse(repository.store(byPia));

        AccessRequest stored = repository.find(filed.id()).orElseThrow();
        assertEquals("paul", stored.approvals().getFirst().approver());
        assertEquals(1, stored.approvals().size());
        assertEquals(byPaul.grant().id(), stored.grant().id());
    }

    @Test
    void ofTwoRevocationsOfTheSameVersionOnlyTheFirstIsStored() {
        Instant now = StoryRequests.now();
        AccessRequest approved = storedApproved(now, 5);

        assertTrue(repository.store(approved.revoke(StoryRequests.CAROL, "Case closed.", now)));
        assertFalse(repository.store(approved.revoke(StoryRequests.PAUL, "No longer needed.", now)));

        assertEquals("carol", repository.find(approved.id()).orElseThrow().revocation().by());
    }

    @Test
    void fiveConcurrentReadsOfAGrantForThreeSucceedExactlyThreeTimes() throws Exception {
        Instant now = StoryRequests.now();
        AccessRequest approved = storedApproved(now, 3);
        String grantId = approved.grant().id();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Optional<Grant>> read = () -> {
            start.await();
            return repository.consumeRead(grantId, now.plusSeconds(1));
        };
        ExecutorService readers = Executors.newFixedThreadPool(5);
        try {
            List<Future<Optional<Grant>>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(readers.submit(read));
            }
            start.countDown();
            List<Grant> consumed = new ArrayList<>();
            for (Future<Optional<Grant>> result : results) {
                result.get(30, TimeUnit.SECONDS).ifPresent(consumed::add);
            }

            assertEquals(3, consumed.size());
            assertEquals(Set.of(1, 2, 3), consumed.stream().map(Grant::readsUsed).collect(Collectors.toSet()));
            assertEquals(3, repository.grantById(grantId).orElseThrow().readsUsed());
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aReadIsNotCountedOnceTheGrantHasExpired() {
        Instant now = StoryRequests.now();
        AccessRequest approved = storedApproved(now, 5);
        Instant validUntil = approved.grant().validUntil();

        assertTrue(repository.consumeRead(approved.grant().id(), validUntil).isEmpty());
        assertEquals(1, repository.consumeRead(approved.grant().id(), validUntil.minusMillis(1))
                .orElseThrow().readsUsed());
    }

    @Test
    void aReadIsNotCountedOnARevokedGrant() {
        Instant now = StoryRequests.now();
        AccessRequest approved = storedApproved(now, 5);
        assertTrue(repository.store(approved.revoke(StoryRequests.CAROL, "Case closed.", now)));

        assertTrue(repository.consumeRead(approved.grant().id(), now).isEmpty());
        Grant grant = repository.grantById(approved.grant().id()).orElseThrow();
        assertEquals(0, grant.readsUsed());
        assertTrue(grant.isRevoked());
    }

    @Test
    void aReadOfAnUnknownGrantIsNotCounted() {
        assertTrue(repository.consumeRead("no-such-grant", StoryRequests.now()).isEmpty());
        assertTrue(repository.grantById("no-such-grant").isEmpty());
    }

    @Test
    void aRevocationComputedBeforeAReadIsNotStoredOverTheReadCount() {
        Instant now = StoryRequests.now();
        AccessRequest approved = storedApproved(now, 5);
        assertTrue(repository.consumeRead(approved.grant().id(), now).isPresent());

        assertFalse(repository.store(approved.revoke(StoryRequests.CAROL, "Case closed.", now)));

        AccessRequest reloaded = repository.find(approved.id()).orElseThrow();
        assertEquals(1, reloaded.grant().readsUsed());
        AccessRequest revoked = reloaded.revoke(StoryRequests.CAROL, "Case closed.", now);
        assertTrue(repository.store(revoked));
        assertEquals(1, repository.grantById(approved.grant().id()).orElseThrow().readsUsed());
    }

    @Test
    void overdueListsOnlyPendingRequestsPastTheirDeadline() {
        Instant now = StoryRequests.now();
        AccessRequest stale = StoryRequests.filedByCarol(now.minus(Duration.ofDays(8)), 5);
        AccessRequest fresh = StoryRequests.filedByCarol(now, 5);
        repository.insert(stale);
        repository.insert(fresh);

        List<String> overdue = repository.overdue(now, 10_000).stream().map(AccessRequest::id).toList();

        assertTrue(overdue.contains(stale.id()));
        assertFalse(overdue.contains(fresh.id()));
        assertTrue(repository.overdue(now, 10_000).stream()
                .allMatch(r -> r.status() == AccessRequestStatus.PENDING && !r.decideBefore().isAfter(now)));
    }

    @Test
    void everyQueryPathHasAnIndex() {
        List<Set<String>> indexedFields = mongo.getDatabase(database).getCollection(AccessRequestRepository.COLLECTION)
                .listIndexes().map(index -> index.get("key", Document.class).keySet()).into(new ArrayList<>());

        for (String field : List.of("status", "requestedBy", "subjectEmployeeId", "grant.id", "createdAt")) {
            assertTrue(indexedFields.stream().anyMatch(keys -> keys.iterator().next().equals(field)),
                    "no index starts with " + field + ": " + indexedFields);
        }
        assertTrue(indexedFields.contains(Set.of("status", "decideBefore")), "no index for the expiry job");
    }

    private AccessRequest storedApproved(Instant now, int maxReads) {
        AccessRequest filed = StoryRequests.filedByCarol(now, maxReads);
        repository.insert(filed);
        AccessRequest approved = StoryRequests.approvedByPaul(filed, now);
        assertTrue(repository.store(approved));
        return approved;
    }
}
