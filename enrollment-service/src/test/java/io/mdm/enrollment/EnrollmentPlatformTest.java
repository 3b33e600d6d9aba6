package io.mdm.enrollment;

import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.ServicePlatformChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class EnrollmentPlatformTest extends ServicePlatformChecks {

    @Override
    protected String jsonEndpoint() {
        return "/api/v1/privacy-notices/BYOD";
    }

    @Override
    protected String jsonMethod() {
        return "PUT";
    }

    @Override
    protected String allowedUser() {
        return "alice";
    }
}
