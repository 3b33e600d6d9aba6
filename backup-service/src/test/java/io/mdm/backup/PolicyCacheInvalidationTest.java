package io.mdm.backup;

import io.mdm.backup.BackupApi.Phone;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.PolicyEvents.PolicyPublished;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.mdm.backup.BackupApi.messages;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class PolicyCacheInvalidationTest {

    private static final String NEWCHAT = "org.example.newchat";

    @Test
    void aPolicyEventMakesTheNextUploadSeeTheNewApprovedApps() {
        FakePolicyService policyService = FakePolicyService.get();
        Phone phone = Phone.fresh();
        phone.upload(messages(1, WORKCHAT)).statusCode(200);
        assertEquals(1, policyService.calls(phone.deviceId()));

        // The policy changes, but until it is announced the cached one still decides.
        phone.withPolicy(new FakePolicyService.Policy(List.of(NEWCHAT), true, 365));
        phone.upload(messages(1, WORKCHAT)).statusCode(200);
        phone.upload(messages(1, NEWCHAT)).statusCode(422);
        assertEquals(1, policyService.calls(phone.deviceId()), "the second and third upload used the cache");

        BackupApi.publish(Topics.POLICY, "P-" + UUID.randomUUID(), EventTypes.POLICY_PUBLISHED,
                new PolicyPublished("P-chat", 2, "Work chat", List.of("BYOD"), List.of(), "alice", Instant.now()));
        Eventually.until("an upload of the newly approved app is accepted", Duration.ofSeconds(30),
                () -> phone.upload(messages(1, NEWCHAT)).extract().statusCode() == 200);

        phone.upload(messages(1, WORKCHAT)).statusCode(422).body("violations.field", contains("messages[0].app"));
    }
}
