package io.mdm.backup.config;

import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.backup.domain.KeyEncryptionKey;
import io.mdm.backup.domain.LocalKeyEncryptionKey;
import io.mdm.backup.persistence.MongoWrappedKeyStore;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;

/** The key encryption key from configuration and the one {@link EmployeeKeyring} of the service. */
public class KeyringProducer {

    static final String MASTER_KEY = "mdm.backup.master-key";

    private static final Logger LOG = Logger.getLogger(KeyringProducer.class);

    /**
     * Eager, so that a missing or bad master key stops the service when it starts.
     *
     * @throws ConfigurationException naming {@value #MASTER_KEY}, never repeating its value
     */
    @Produces
    @Singleton
    @Startup
    KeyEncryptionKey keyEncryptionKey(BackupConfig config) {
        return keyEncryptionKey(config.masterKey(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    @Produces
    @Singleton
    EmployeeKeyring employeeKeyring(KeyEncryptionKey kek, MongoWrappedKeyStore store) {
        return new EmployeeKeyring(kek, store, EmployeeKeyring.DEFAULT_CAPACITY);
    }

    static KeyEncryptionKey keyEncryptionKey(Optional<String> masterKey, boolean production) {
        if (masterKey.isPresent()) {
            try {
                return LocalKeyEncryptionKey.fromMasterKeyset(masterKey.get());
            } catch (IllegalArgumentException e) {
                // The domain's message never repeats the value, so it may be passed on.
                throw new ConfigurationException("Invalid value of " + MASTER_KEY + " (env MDM_BACKUP_MASTER_KEY): "
                        + e.getMessage(), Set.of(MASTER_KEY));
            }
        }
        if (production) {
            throw new ConfigurationException(MASTER_KEY + " (env MDM_BACKUP_MASTER_KEY) is required in production: "
                    + "base64 of a Tink JSON AES-256-GCM keyset, kept in a Secret", Set.of(MASTER_KEY));
        }
        LOG.warnf("%s is not set: this process generated a master key of its own. Backups written now cannot be "
                + "read after a restart; set it for anything but a throw-away run.", MASTER_KEY);
        return LocalKeyEncryptionKey.fromMasterKeyset(LocalKeyEncryptionKey.newMasterKeyset());
    }
}
