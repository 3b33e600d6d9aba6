package io.mdm.backup;

import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.ServicePlatformChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class BackupPlatformTest extends ServicePlatformChecks {

    @Override
    protected String jsonEndpoint() {
        return "/api/v1/legal-holds";
    }

    @Override
    protected String allowedUser() {
        return "carol";
    }
}
