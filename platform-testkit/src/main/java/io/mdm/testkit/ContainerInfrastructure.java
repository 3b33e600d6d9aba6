package io.mdm.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/** The same servers as Testcontainers containers, for machines that have a Docker engine. */
final class ContainerInfrastructure implements Infrastructure {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String MONGO_IMAGE = "mongo:8.0";
    private static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.5.6";

    private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    private final MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
    private final GenericContainer<?> keycloak;

    ContainerInfrastructure() {
        keycloak = new GenericContainer<>(KEYCLOAK_IMAGE)
                .withExposedPorts(8080)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .withCopyToContainer(Transferable.of(realmFile()), "/opt/keycloak/data/import/mdm-realm.json")
                .withCommand("start-dev", "--import-realm", KeycloakServer.ALLOW_CONCURRENT_LOGINS)
                .waitingFor(Wait.forHttp("/realms/mdm/.well-known/openid-configuration")
                        .forStatusCode(200).withStartupTimeout(Duration.ofMinutes(4)));
        kafka.start();
        mongo.start();
        keycloak.start();
    }

    private static byte[] realmFile() {
        try (InputStream realm = ContainerInfrastructure.class.getResourceAsStream("/keycloak/mdm-realm.json")) {
            return realm.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String mongoConnectionString() {
        return mongo.getConnectionString();
    }

    @Override
    public RealmClient realm() {
        return new RealmClient("http://" + keycloak.getHost() + ":" + keycloak.getMappedPort(8080) + "/realms/mdm",
                HttpClient.newHttpClient());
    }

    @Override
    public Optional<KafkaBroker> kafkaBroker() {
        return Optional.empty();
    }

    @Override
    public void close() {
        keycloak.stop();
        mongo.stop();
        kafka.stop();
    }
}
