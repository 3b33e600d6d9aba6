package io.mdm.backup.domain;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * A key encryption key held by the service itself: an AES-256-GCM Tink keyset, configured as
 * base64 of its cleartext Tink JSON form. For installations without a KMS; whoever can read
 * that configuration value can unwrap every data key.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    private final Aead aead;

    private LocalKeyEncryptionKey(Aead aead) {
        this.aead = aead;
    }

    /**
     * @param base64JsonKeyset base64 (standard alphabet) of a cleartext Tink JSON keyset of
     *                         AES-256-GCM keys, as {@link #newMasterKeyset()} returns it
     * @throws IllegalArgumentException when the text is not such a keyset; the message never
     *         repeats the text and no cause is attached, since the text is the secret
     */
    public static LocalKeyEncryptionKey fromMasterKeyset(String base64JsonKeyset) {
        if (base64JsonKeyset == null) {
            throw new IllegalArgumentException("master keyset is missing");
        }
        try {
            String json = new String(Base64.getDecoder().decode(base64JsonKeyset.strip()), StandardCharsets.UTF_8);
            KeysetHandle keyset = Aes256GcmKeysets.parseJson(json);
            return new LocalKeyEncryptionKey(Aes256GcmKeysets.aead(keyset));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("master keyset is not base64 of a Tink JSON AES-256-GCM keyset");
        }
    }

    /**
     * Generates a fresh master keyset and returns it as base64 of its cleartext Tink JSON form,
     * for the service to persist where only it can read it. Losing it makes every backup unreadable.
     */
    public static String newMasterKeyset() {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(Aes256GcmKeysets.generate(), InsecureSecretKeyAccess.get());
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize a new master keyset", e);
        }
    }

    @Override
    public byte[] wrap(byte[] plaintextKeyset, byte[] associatedData) {
        try {
            return aead.encrypt(plaintextKeyset, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key");
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
        try {
            return aead.decrypt(wrapped, associatedData);
        } catch (GeneralSecurityException e) {
            throw new UnreadableKeyException();
        }
    }

    @Override
    public String toString() {
        return "LocalKeyEncryptionKey[AES-256-GCM, key material not shown]";
    }
}
