package io.mdm.backup.config;

import io.mdm.backup.domain.LocalKeyEncryptionKey;

/**
 * Prints a new master key-encryption key (base64 of a Tink AES-256-GCM keyset) for
 * {@code MDM_BACKUP_MASTER_KEY}. {@code ./mdm up} runs it once and keeps the key under
 * {@code .mdm/secrets}; in production the key lives in a Secret or is replaced by a KMS.
 */
public final class MasterKeyGenerator {

    private MasterKeyGenerator() {
    }

    public static void main(String[] args) {
        System.out.println(LocalKeyEncryptionKey.newMasterKeyset());
    }
}
