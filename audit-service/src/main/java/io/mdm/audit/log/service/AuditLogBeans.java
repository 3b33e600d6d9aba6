package io.mdm.audit.log.service;

import com.mongodb.client.MongoClient;
import io.mdm.audit.log.CheckpointSigner;
import io.mdm.audit.log.store.AuditLogStore;
import io.mdm.audit.log.store.CheckpointStore;
import io.mdm.audit.log.store.LogVerifier;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/** The audit log's storage and signing key, built once; eager, so that bad settings stop the start. */
public class AuditLogBeans {

    @Produces
    @Singleton
    @Startup
    AuditLogStore auditLogStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                Clock clock) {
        return new AuditLogStore(mongo.getDatabase(database), clock);
    }

    @Produces
    @Singleton
    CheckpointStore checkpointStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        return new CheckpointStore(mongo.getDatabase(database));
    }

    @Produces
    @Singleton
    LogVerifier logVerifier(AuditLogStore store, CheckpointStore checkpoints) {
        return new LogVerifier(store, checkpoints);
    }

    /** @throws io.quarkus.runtime.configuration.ConfigurationException naming the bad or missing key */
    @Produces
    @Singleton
    @Startup
    CheckpointSigner checkpointSigner(AuditLogConfig config) {
        return CheckpointKeys.signer(config.signingKey(), config.origin(), LaunchMode.current() == LaunchMode.NORMAL);
    }
}
