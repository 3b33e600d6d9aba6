package io.mdm.backup.domain;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/** The one key type used here, for both the master key and the employee data keys. */
final class Aes256GcmKeysets {

    private static final int KEY_SIZE_BYTES = 32;

    static {
        // Tink's registry is process-wide; registering the AEAD key types again is harmless.
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Aes256GcmKeysets() {
    }

    static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES-256-GCM keyset", e);
        }
    }

    /**
     * Parsing goes through this class so that Tink's AES-GCM key type is registered first: a
     * keyset parsed before registration would not be recognised as AES-256-GCM.
     */
    static KeysetHandle parseJson(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    static KeysetHandle parseBinary(byte[] serialized) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
    }

    /**
     * The Aead of a keyset, refusing any keyset that holds something other than AES-256-GCM,
     * so a weaker key slipped into configuration or storage is never used.
     */
    static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        for (int i = 0; i < keyset.size(); i++) {
            if (!(keyset.getAt(i).getKey().getParameters() instanceof AesGcmParameters parameters)
                    || parameters.getKeySizeBytes() != KEY_SIZE_BYTES) {
                throw new GeneralSecurityException("keyset holds a key that is not AES-256-GCM");
            }
        }
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }
}
