package io.mdm.backup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the backup-service's access-grants client at the {@link FakeAccessGrants}. */
public class AccessGrantsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // In test mode the client takes test-port, not port.
        return Map.of("quarkus.grpc.clients.access-grants.host", "127.0.0.1",
                "quarkus.grpc.clients.access-grants.test-port", String.valueOf(FakeAccessGrants.get().port()));
    }

    @Override
    public void stop() {
        // The server belongs to the JVM, like the other test servers.
    }
}
