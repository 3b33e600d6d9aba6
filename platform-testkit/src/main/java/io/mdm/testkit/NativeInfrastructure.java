package io.mdm.testkit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka and Keycloak as forked processes, MongoDB as mongo-java-server in this JVM, or a real
 * MongoDB when {@code MDM_MONGODB_URI} is set. Kafka and Keycloak start side by side.
 */
final class NativeInfrastructure implements Infrastructure {

    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final MongoWireServer embeddedMongo;
    private final String mongoConnectionString;

    NativeInfrastructure() {
        CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(
                () -> KeycloakServer.create(Distributions.workFolder("keycloak")).start());
        try {
            this.kafka = KafkaBroker.create(Distributions.workFolder("kafka-" + ProcessHandle.current().pid())).start();
            String externalMongo = System.getenv("MDM_MONGODB_URI");
            this.embeddedMongo = externalMongo == null ? MongoWireServer.inMemory() : null;
            this.mongoConnectionString = externalMongo == null ? embeddedMongo.connectionString() : externalMongo;
            this.keycloak = keycloakStart.join();
        } catch (RuntimeException e) {
            keycloakStart.thenAccept(KeycloakServer::stop);
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String mongoConnectionString() {
        return mongoConnectionString;
    }

    @Override
    public RealmClient realm() {
        return keycloak.realm();
    }

    @Override
    public Optional<KafkaBroker> kafkaBroker() {
        return Optional.of(kafka);
    }

    @Override
    public void close() {
        kafka.stop();
        keycloak.stop();
        if (embeddedMongo != null) {
            embeddedMongo.close();
        }
    }
}
