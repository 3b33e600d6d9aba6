package io.mdm.backup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the backup-service's policy-query client at the {@link FakePolicyService}. */
public class PolicyServiceResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // In test mode the client takes test-port, not port.
        return Map.of("quarkus.grpc.clients.policy-query.host", "127.0.0.1",
                "quarkus.grpc.clients.policy-query.test-port", String.valueOf(FakePolicyService.get().port()));
    }

    @Override
    public void stop() {
        // The server belongs to the JVM, like the other test servers.
    }
}
