package io.mdm.backup.config;

import io.mdm.backup.domain.KeyEncryptionKey;
import io.mdm.backup.domain.LocalKeyEncryptionKey;
import io.mdm.backup.domain.UnreadableKeyException;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyringProducerTest {

    private static final byte[] KEYSET = "a serialized data keyset".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "employee E1001".getBytes(StandardCharsets.UTF_8);

    @Test
    void productionWithoutMasterKeyDoesNotStartAndNamesTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KeyringProducer.keyEncryptionKey(Optional.empty(), true));
        assertTrue(e.getMessage().contains("mdm.backup.master-key"));
        assertTrue(e.getConfigKeys().contains("mdm.backup.master-key"));
    }

    @Test
    void aBadMasterKeyDoesNotStartAndIsNotRepeated() {
        String notAKeyset = Base64.getEncoder().encodeToString("{\"secret\": \"hunter2\"}".getBytes(StandardCharsets.UTF_8));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KeyringProducer.keyEncryptionKey(Optional.of(notAKeyset), true));
        assertTrue(e.getMessage().contains("mdm.backup.master-key"));
        assertFalse(e.getMessage().contains(notAKeyset));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void theConfiguredMasterKeyIsTheOneUsed() {
        String master = LocalKeyEncryptionKey.newMasterKeyset();
        KeyEncryptionKey configured = KeyringProducer.keyEncryptionKey(Optional.of(master), true);
        byte[] wrapped = LocalKeyEncryptionKey.fromMasterKeyset(master).wrap(KEYSET, CONTEXT);
        assertArrayEquals(KEYSET, configured.unwrap(wrapped, CONTEXT));
    }

    @Test
    void outsideProductionAKeyIsGeneratedForTheProcess() {
        KeyEncryptionKey generated = KeyringProducer.keyEncryptionKey(Optional.empty(), false);
        assertArrayEquals(KEYSET, generated.unwrap(generated.wrap(KEYSET, CONTEXT), CONTEXT));
        KeyEncryptionKey another = KeyringProducer.keyEncryptionKey(Optional.empty(), false);
        assertThrows(UnreadableKeyException.class, () -> another.unwrap(generated.wrap(KEYSET, CONTEXT), CONTEXT),
                "each process has its own");
    }
}
