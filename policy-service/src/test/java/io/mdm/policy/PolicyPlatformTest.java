package io.mdm.policy;

import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.ServicePlatformChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class PolicyPlatformTest extends ServicePlatformChecks {

    @Override
    protected String jsonEndpoint() {
        return "/api/v1/policies";
    }

    @Override
    protected String allowedUser() {
        return "alice";
    }
}
