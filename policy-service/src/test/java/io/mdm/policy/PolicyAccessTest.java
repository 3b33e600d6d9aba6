package io.mdm.policy;

import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mdm.policy.PolicyApi.POLICIES;
import static io.mdm.policy.PolicyApi.PROBLEM;
import static io.mdm.policy.PolicyApi.as;
import static io.mdm.policy.PolicyApi.create;
import static io.mdm.policy.PolicyApi.storyPolicy;
import static org.hamcrest.Matchers.equalTo;

/** Policies are the device admins' business: an employee (erin) or a compliance officer (carol) gets 403 everywhere. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class PolicyAccessTest {

    @ParameterizedTest
    @ValueSource(strings = {"erin", "carol"})
    void onlyDeviceAdminsMayReadOrChangePolicies(String user) {
        String id = create(storyPolicy(365));
        String policy = POLICIES + "/" + id;

        as(user).body(storyPolicy(365)).post(POLICIES).then().statusCode(403).contentType(PROBLEM);
        as(user).get(POLICIES).then().statusCode(403).contentType(PROBLEM);
        as(user).get(policy).then().statusCode(403).contentType(PROBLEM);
        as(user).get(policy + "/versions/1").then().statusCode(403).contentType(PROBLEM);
        as(user).body(storyPolicy(30)).put(policy).then().statusCode(403).contentType(PROBLEM);
        as(user).delete(policy).then().statusCode(403).contentType(PROBLEM);

        as("alice").get(policy).then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("ACTIVE"));
    }
}
