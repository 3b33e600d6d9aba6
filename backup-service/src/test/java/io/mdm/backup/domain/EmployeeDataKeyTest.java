package io.mdm.backup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmployeeDataKeyTest {

    private final KeyEncryptionKey kek = LocalKeyEncryptionKey.fromMasterKeyset(LocalKeyEncryptionKey.newMasterKeyset());

    @Test
    void unwrappedKeyOpensWhatTheOriginalSealed() {
        EmployeeDataKey key = EmployeeDataKey.generate();
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = new MessageSealer(key).seal("E1001", message);

        EmployeeDataKey unwrapped = EmployeeDataKey.unwrap(key.wrappedWith(kek, "E1001"), kek, "E1001");

        assertEquals(message, new MessageSealer(unwrapped).open("E1001", message.messageId(), sealed));
    }

    @Test
    void wrappedKeyDoesNotUnwrapForAnotherEmployee() {
        byte[] wrapped = EmployeeDataKey.generate().wrappedWith(kek, "E1001");

        assertThrows(UnreadableKeyException.class, () -> EmployeeDataKey.unwrap(wrapped, kek, "E2002"));
    }

    @Test
    void wrappedKeyDoesNotUnwrapWithAnotherKeyEncryptionKey() {
        byte[] wrapped = EmployeeDataKey.generate().wrappedWith(kek, "E1001");
        KeyEncryptionKey otherKek = LocalKeyEncryptionKey.fromMasterKeyset(LocalKeyEncryptionKey.newMasterKeyset());

        assertThrows(UnreadableKeyException.class, () -> EmployeeDataKey.unwrap(wrapped, otherKek, "E1001"));
    }

    @Test
    void alteredWrappedKeyDoesNotUnwrap() {
        byte[] wrapped = EmployeeDataKey.generate().wrappedWith(kek, "E1001");
        wrapped[wrapped.length - 1] ^= 1;

        assertThrows(UnreadableKeyException.class, () -> EmployeeDataKey.unwrap(wrapped, kek, "E1001"));
    }

    @Test
    void keysetWrappedForAnotherPurposeDoesNotUnwrapAsADataKey() throws Exception {
        // Same KEK, a valid AES-256-GCM keyset, the bare employee id as associated data:
        // what another use of the same KEK could produce.
        byte[] keyset = TinkProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        byte[] foreign = kek.wrap(keyset, "E1001".getBytes(StandardCharsets.UTF_8));

        assertThrows(UnreadableKeyException.class, () -> EmployeeDataKey.unwrap(foreign, kek, "E1001"));
    }
}
