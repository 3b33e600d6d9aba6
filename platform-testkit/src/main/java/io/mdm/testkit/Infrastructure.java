package io.mdm.testkit;

import java.util.Optional;

/** The three servers every service test needs: Kafka, MongoDB (wire protocol) and Keycloak. */
public interface Infrastructure {

    String kafkaBootstrapServers();

    String mongoConnectionString();

    RealmClient realm();

    /** The forked broker, for fault tests; empty where the broker is not ours to kill (containers). */
    Optional<KafkaBroker> kafkaBroker();

    void close();
}
