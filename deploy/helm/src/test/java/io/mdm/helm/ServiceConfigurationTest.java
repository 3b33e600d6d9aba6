package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service gets the configuration it reads, under the names the services use. */
class ServiceConfigurationTest {

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyServiceKnowsKeycloakKafkaAndItsProfileIsTheDefault(RenderedChart chart) {
        for (String service : RenderedChart.SERVICES) {
            Map<String, String> config = config(chart, service);
            assertTrue(config.get("QUARKUS_OIDC_AUTH_SERVER_URL").matches("https?://.+/realms/mdm"),
                    service + " realm URL " + config.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
            assertFalse(config.get("KAFKA_BOOTSTRAP_SERVERS").isBlank(), service);
            assertFalse(config.containsKey("QUARKUS_PROFILE"), service + " overrides the prod profile");
            assertTrue(container(chart, service).getEnv().stream().noneMatch(v -> v.getName().equals("QUARKUS_PROFILE")),
                    service + " overrides the prod profile");
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void policyServiceFindsTheDeviceDirectoryAndTheJwksOfEnrollmentService(RenderedChart chart) {
        Map<String, String> config = config(chart, "policy-service");
        assertGrpcTarget(chart, config, "DEVICE_DIRECTORY", "enrollment-service");
        assertJwksUrl(chart, config);
        assertEquals("policy-service", config.get("MDM_SERVICE_CLIENT_ID"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void backupServiceFindsPolicyQueryAccessGrantsAndTheJwks(RenderedChart chart) {
        Map<String, String> config = config(chart, "backup-service");
        assertGrpcTarget(chart, config, "POLICY_QUERY", "policy-service");
        assertGrpcTarget(chart, config, "ACCESS_GRANTS", "audit-service");
        assertJwksUrl(chart, config);
        assertEquals("backup-service", config.get("MDM_SERVICE_CLIENT_ID"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void enrollmentServiceIssuesDeviceTokensAndAuditServiceNamesItsLog(RenderedChart chart) {
        assertFalse(config(chart, "enrollment-service").getOrDefault("MDM_DEVICE_TOKENS_ISSUER", "").isBlank());
        assertFalse(config(chart, "audit-service").getOrDefault("MDM_AUDIT_ORIGIN", "").isBlank());
    }

    @Test
    void theDefaultKafkaConnectionIsPlaintextWithoutCredentials() {
        RenderedChart chart = RenderedChart.withDefaultValues();
        for (String service : RenderedChart.SERVICES) {
            Map<String, String> config = config(chart, service);
            assertEquals("PLAINTEXT", config.get("KAFKA_SECURITY_PROTOCOL"));
            assertFalse(config.containsKey("KAFKA_SASL_MECHANISM"), service);
            assertFalse(config.containsKey("KAFKA_SSL_TRUSTSTORE_LOCATION"), service);
        }
    }

    @Test
    void saslAndTheTrustStoreComeFromSecretsWhenKafkaUsesTls() {
        RenderedChart chart = RenderedChart.withProductionValues();
        for (String service : RenderedChart.SERVICES) {
            Map<String, String> config = config(chart, service);
            assertEquals("SASL_SSL", config.get("KAFKA_SECURITY_PROTOCOL"), service);
            assertEquals("SCRAM-SHA-512", config.get("KAFKA_SASL_MECHANISM"), service);
            Container container = container(chart, service);
            assertNotNull(secretReference(container, "KAFKA_SASL_JAAS_CONFIG"), service);
            String truststoreSecret = secretReference(container, "KAFKA_SSL_TRUSTSTORE_PASSWORD");

            String location = config.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            PodSpec pod = WorkloadSecurityTest.podSpec(chart.deployment(service));
            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(m -> location.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": nothing is mounted at " + location));
            assertTrue(mount.getReadOnly(), service + " mounts the trust store writable");
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            assertEquals(truststoreSecret, volume.getSecret().getSecretName(), service);
        }
    }

    private static void assertGrpcTarget(RenderedChart chart, Map<String, String> config, String client, String callee) {
        Service target = chart.serviceWithPort(callee, "grpc");
        assertEquals(target.getMetadata().getName(), config.get("QUARKUS_GRPC_CLIENTS_" + client + "_HOST"));
        ServicePort grpc = target.getSpec().getPorts().stream().filter(p -> p.getName().equals("grpc"))
                .findFirst().orElseThrow();
        assertEquals(String.valueOf(grpc.getPort()), config.get("QUARKUS_GRPC_CLIENTS_" + client + "_PORT"));
    }

    private static void assertJwksUrl(RenderedChart chart, Map<String, String> config) {
        Service enrollment = chart.serviceWithPort("enrollment-service", "http");
        int port = enrollment.getSpec().getPorts().stream().filter(p -> p.getName().equals("http"))
                .findFirst().orElseThrow().getPort();
        assertEquals("http://" + enrollment.getMetadata().getName() + ":" + port + "/api/v1/devices/jwks",
                config.get("MDM_DEVICE_TOKENS_JWKS_URL"));
    }

    private static String secretReference(Container container, String variable) {
        EnvVar env = container.getEnv().stream().filter(v -> v.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " lacks " + variable));
        return env.getValueFrom().getSecretKeyRef().getName();
    }

    private static Map<String, String> config(RenderedChart chart, String service) {
        Deployment deployment = chart.deployment(service);
        return chart.configMapOf(deployment).getData();
    }

    private static Container container(RenderedChart chart, String service) {
        return WorkloadSecurityTest.podSpec(chart.deployment(service)).getContainers().getFirst();
    }
}
