package io.mdm.backup.domain;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * One employee's AES-256-GCM data key. It exists in clear only in memory; at rest it is
 * wrapped by the {@link KeyEncryptionKey}. Destroying the wrapped copy destroys the
 * employee's backup (crypto-shredding).
 */
public final class EmployeeDataKey {

    // Domain separation: a blob wrapped for another purpose with the same KEK never unwraps as a data key.
    private static final String WRAP_CONTEXT = "mdm.backup.employee-data-key.v1\n";

    private final KeysetHandle keyset;
    private final Aead aead;

    private EmployeeDataKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.keyset = keyset;
        this.aead = Aes256GcmKeysets.aead(keyset);
    }

    public static EmployeeDataKey generate() {
        try {
            return new EmployeeDataKey(Aes256GcmKeysets.generate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an AES-256-GCM data key", e);
        }
    }

    /**
     * Unwraps a data key stored for {@code employeeId}.
     *
     * @throws UnreadableKeyException when it was wrapped for another employee, with another
     *         key encryption key, or altered
     */
    public static EmployeeDataKey unwrap(byte[] wrapped, KeyEncryptionKey kek, String employeeId) {
        byte[] serialized = kek.unwrap(wrapped, associatedData(employeeId));
        try {
            return new EmployeeDataKey(Aes256GcmKeysets.parseBinary(serialized));
        } catch (GeneralSecurityException e) {
            throw new UnreadableKeyException();
        }
    }

    /** The key encrypted by {@code kek}, bound to {@code employeeId}: it unwraps for no one else. */
    public byte[] wrappedWith(KeyEncryptionKey kek, String employeeId) {
        try {
            return kek.wrap(TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()),
                    associatedData(employeeId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize a data key");
        }
    }

    Aead aead() {
        return aead;
    }

    private static byte[] associatedData(String employeeId) {
        if (Objects.requireNonNull(employeeId, "employeeId").isBlank()) {
            throw new IllegalArgumentException("employeeId must not be blank");
        }
        return (WRAP_CONTEXT + employeeId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EmployeeDataKey[AES-256-GCM, key material not shown]";
    }
}
