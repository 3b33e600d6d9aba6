package io.mdm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** values.yaml is documented, and values.schema.json stops wrong values before anything renders. */
class ValuesTest {

    private static final String SCHEMA_FAILURE = "values don't meet the specifications of the schema";

    @TempDir
    Path valuesDir;

    @Test
    void aWrongValueTypeFailsWithTheSchemaMessage() throws IOException {
        IllegalStateException failure = renderFailure("""
                enrollmentService:
                  replicaCount: "two"
                """);
        assertTrue(failure.getMessage().contains(SCHEMA_FAILURE), failure.getMessage());
        assertTrue(failure.getMessage().contains("enrollmentService.replicaCount: Invalid type. Expected: integer"),
                failure.getMessage());
    }

    @Test
    void anUnknownKeyIsRejected() throws IOException {
        IllegalStateException failure = renderFailure("""
                auditService:
                  replicas: 3
                """);
        assertTrue(failure.getMessage().contains(SCHEMA_FAILURE), failure.getMessage());
        assertTrue(failure.getMessage().contains("Additional property replicas is not allowed"), failure.getMessage());
    }

    @Test
    void anUnknownTopLevelKeyIsRejected() throws IOException {
        IllegalStateException failure = renderFailure("""
                replicaCount: 2
                """);
        assertTrue(failure.getMessage().contains("Additional property replicaCount is not allowed"),
                failure.getMessage());
    }

    @Test
    void anUnknownKafkaSecurityProtocolIsRejected() throws IOException {
        IllegalStateException failure = renderFailure("""
                kafka:
                  securityProtocol: TLS
                """);
        assertTrue(failure.getMessage().contains("kafka.securityProtocol"), failure.getMessage());
    }

    @Test
    void saslWithoutAJaasSecretFailsNamingTheValue() throws IOException {
        IllegalStateException failure = renderFailure("""
                kafka:
                  securityProtocol: SASL_SSL
                  sasl:
                    mechanism: SCRAM-SHA-512
                """);
        assertTrue(failure.getMessage().contains("kafka.sasl.jaasConfigSecret.name is required"), failure.getMessage());
    }

    @Test
    void aSecretReferenceWithoutANameIsRejected() throws IOException {
        IllegalStateException failure = renderFailure("""
                backupService:
                  masterKeySecret:
                    name: ""
                """);
        assertTrue(failure.getMessage().contains("backupService.masterKeySecret.name"), failure.getMessage());
    }

    @Test
    void everyValueIsDocumentedByACommentStartingWithItsName() throws IOException {
        List<String> lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        int keysChecked = 0;
        Integer listIndent = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int indent = line.indexOf(text);
            // List items are data (network peers, ingress paths), documented by the key that holds the list.
            if (listIndent != null && (indent > listIndent || indent == listIndent && text.startsWith("- "))) {
                continue;
            }
            listIndent = null;
            if (text.startsWith("- ")) {
                listIndent = indent;
                continue;
            }
            String key = text.substring(0, text.indexOf(':'));
            keysChecked++;
            int first = i;
            while (first > 0 && isCommentAt(lines.get(first - 1), indent)) {
                first--;
            }
            if (first == i || !lines.get(first).strip().startsWith("# " + key + " ")) {
                undocumented.add((i + 1) + ": " + key);
            }
        }
        assertTrue(keysChecked > 100, "only " + keysChecked + " keys found in values.yaml");
        assertEquals(List.of(), undocumented, "values without a comment that starts with their name");
    }

    private static boolean isCommentAt(String line, int indent) {
        String text = line.strip();
        return text.startsWith("#") && line.indexOf(text) == indent;
    }

    private IllegalStateException renderFailure(String values) throws IOException {
        Path file = Files.writeString(valuesDir.resolve("values.yaml"), values);
        return assertThrows(IllegalStateException.class, () -> RenderedChart.template(file));
    }
}
