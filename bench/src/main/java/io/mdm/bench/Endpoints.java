package io.mdm.bench;

import java.net.URI;
import java.util.Map;

/**
 * Where the platform of {@code ./mdm up} answers: the fixed local ports of API.md, and the
 * MongoDB the services use ({@code MDM_MONGODB_URI} when ./mdm up was told to use a real one).
 */
public record Endpoints(URI keycloakTokens, URI enrollment, URI policy, URI backup, URI audit,
                        String kafkaBootstrapServers, String mongoUri) {

    public static final String EMBEDDED_MONGO = "mongodb://127.0.0.1:27017";

    public static Endpoints local(Map<String, String> environment) {
        String mongo = environment.getOrDefault("MDM_MONGODB_URI", "");
        return new Endpoints(
                URI.create("http://127.0.0.1:8180/realms/mdm/protocol/openid-connect/token"),
                URI.create("http://127.0.0.1:8081/api/v1/"),
                URI.create("http://127.0.0.1:8082/api/v1/"),
                URI.create("http://127.0.0.1:8083/api/v1/"),
                URI.create("http://127.0.0.1:8084/api/v1/"),
                "127.0.0.1:9092",
                mongo.isBlank() ? EMBEDDED_MONGO : mongo);
    }

    /** What the report says about the database, without the credentials a URI may hold. */
    public String mongoDescription() {
        if (mongoUri.equals(EMBEDDED_MONGO)) {
            return "the embedded MongoDB wire-protocol server of ./mdm up (mongo-java-server, platform-testkit CompactH2Backend)";
        }
        return "an external MongoDB (MDM_MONGODB_URI)";
    }
}
