package io.mdm.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the shared real servers. The servers outlive
 * application restarts between test classes; the JVM's exit stops them.
 */
public class MdmInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Infrastructure infra = TestInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "quarkus.mongodb.connection-string", infra.mongoConnectionString(),
                "quarkus.oidc.auth-server-url", infra.realm().url(),
                "quarkus.oidc-client.auth-server-url", infra.realm().url(),
                // A service that accepts device tokens points mdm.device-tokens.jwks-url here in its tests.
                "mdm.testkit.device-jwks-url", TestDeviceTokens.get().jwksUrl());
    }

    @Override
    public void stop() {
        // The servers belong to the JVM, not to one application start.
    }
}
