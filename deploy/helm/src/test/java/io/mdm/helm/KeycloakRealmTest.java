package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chart cannot read files outside its folder, so it ships its own copy of the realm. The copy is
 * the project's realm (deploy/keycloak) without its demo users and without the clients' local
 * development secrets (Keycloak generates a secret on import; operators store it in a Secret).
 */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT_REALM = RenderedChart.MODULE_DIR.resolve("../keycloak/mdm-realm.json");
    private static final Path CHART_REALM = RenderedChart.CHART.resolve("files/mdm-realm.json");

    @Test
    void theChartRealmIsTheProjectRealmWithoutUsersAndClientSecrets() throws IOException {
        ObjectNode expected = (ObjectNode) JSON.readTree(PROJECT_REALM.toFile());
        expected.remove("users");
        expected.path("clients").forEach(client -> ((ObjectNode) client).remove("secret"));
        assertEquals(expected, JSON.readTree(CHART_REALM.toFile()),
                "deploy/helm/mdm-platform/files/mdm-realm.json is out of date: copy deploy/keycloak/mdm-realm.json "
                        + "without \"users\" and without the clients' \"secret\"");
    }

    @Test
    void theRealmConfigMapCarriesTheChartRealm() throws IOException {
        ConfigMap realm = RenderedChart.withDefaultValues().all(ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("mdm-realm.json")).findFirst()
                .orElseThrow(() -> new AssertionError("no realm ConfigMap"));
        JsonNode shipped = JSON.readTree(realm.getData().get("mdm-realm.json"));
        assertEquals(JSON.readTree(CHART_REALM.toFile()), shipped);
        assertEquals("mdm", shipped.path("realm").asText());
        assertTrue(shipped.path("clients").isArray(), "the shipped realm has no clients");
    }
}
