package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart never renders a credential: every key and password comes from an existing Secret. */
class SecretsTest {

    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile("PASSWORD|SECRET|JAAS_CONFIG|CONNECTION_STRING|SIGNING_KEY|MASTER_KEY|PRIVATE");
    private static final Pattern CREDENTIAL_TEXT = Pattern.compile(
            "-----BEGIN|password=|LoginModule required|mongodb(\\+srv)?://[^\\s\"/]*:[^\\s\"/]*@");
    /** The Secret-backed variables each service must read (the issue's list). */
    private static final Map<String, List<String>> SECRET_VARIABLES = Map.of(
            "enrollment-service", List.of("QUARKUS_MONGODB_CONNECTION_STRING", "MDM_DEVICE_TOKENS_SIGNING_KEY"),
            "policy-service", List.of("QUARKUS_MONGODB_CONNECTION_STRING", "MDM_SERVICE_CLIENT_SECRET"),
            "backup-service", List.of("QUARKUS_MONGODB_CONNECTION_STRING", "MDM_BACKUP_MASTER_KEY",
                    "MDM_SERVICE_CLIENT_SECRET"),
            "audit-service", List.of("QUARKUS_MONGODB_CONNECTION_STRING", "MDM_AUDIT_SIGNING_KEY"));

    static Stream<Named<RenderedChart>> charts() {
        return RenderedChart.defaultAndProductionValues();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void noSecretCarriesALiteralCredential(RenderedChart chart) {
        // The strongest form: the chart renders no Secret at all; operators create them (docs/operations.md).
        List<String> secrets = chart.all(Secret.class).stream().map(s -> s.getMetadata().getName()).toList();
        assertEquals(List.of(), secrets, "the chart renders Secrets");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void credentialsReachContainersOnlyAsSecretReferences(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : WorkloadSecurityTest.allContainers(deployment)) {
                for (EnvVar variable : container.getEnv()) {
                    if (CREDENTIAL_NAME.matcher(variable.getName()).find()) {
                        assertNull(variable.getValue(), variable.getName() + " of " + container.getName() + " is literal");
                        assertNotNull(variable.getValueFrom().getSecretKeyRef(),
                                variable.getName() + " of " + container.getName() + " is not read from a Secret");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyServiceReadsItsKeysFromExistingSecrets(RenderedChart chart) {
        SECRET_VARIABLES.forEach((service, variables) -> {
            Container container = WorkloadSecurityTest.podSpec(chart.deployment(service)).getContainers().getFirst();
            for (String name : variables) {
                EnvVar variable = container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError(service + " does not get " + name));
                var reference = variable.getValueFrom().getSecretKeyRef();
                assertFalse(reference.getName().isBlank(), name);
                assertFalse(reference.getKey().isBlank(), name);
                assertFalse(Boolean.TRUE.equals(reference.getOptional()), service + " may start without " + name);
            }
        });
    }

    @Test
    void everyServiceCanLogInToMongoDbAsItsOwnUser() {
        RenderedChart chart = RenderedChart.withProductionValues();
        Set<String> secrets = RenderedChart.SERVICES.stream()
                .map(service -> WorkloadSecurityTest.podSpec(chart.deployment(service)).getContainers().getFirst())
                .map(container -> container.getEnv().stream()
                        .filter(v -> v.getName().equals("QUARKUS_MONGODB_CONNECTION_STRING")).findFirst().orElseThrow()
                        .getValueFrom().getSecretKeyRef().getName())
                .collect(Collectors.toSet());
        assertEquals(RenderedChart.SERVICES.size(), secrets.size(), "services share MongoDB credentials: " + secrets);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void noConfigMapHoldsACredential(RenderedChart chart) {
        for (ConfigMap configMap : chart.all(ConfigMap.class)) {
            configMap.getData().forEach((key, value) -> {
                String where = "ConfigMap " + configMap.getMetadata().getName() + " key " + key;
                assertFalse(CREDENTIAL_NAME.matcher(key).find(), where + " looks like a credential");
                assertFalse(CREDENTIAL_TEXT.matcher(value).find(), where + " holds credential text");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theRealmShipsNeitherUsersNorClientSecrets(RenderedChart chart) {
        List<ConfigMap> realms = chart.all(ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("mdm-realm.json")).toList();
        assertEquals(1, realms.size(), "realm ConfigMaps");
        String realm = realms.getFirst().getData().get("mdm-realm.json");
        assertFalse(realm.contains("\"users\""), "the realm ConfigMap contains users");
        assertFalse(realm.contains("\"credentials\""), "the realm ConfigMap contains credentials");
        assertFalse(Pattern.compile("\"secret\"\\s*:").matcher(realm).find(), "a client carries a literal secret");
    }
}
