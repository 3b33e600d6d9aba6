package io.mdm.backup.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalKeyEncryptionKeyTest {

    private static final byte[] KEYSET = "serialized data keyset".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "E1001".getBytes(StandardCharsets.UTF_8);

    @Test
    void persistedMasterKeysetRestoresAKeyThatUnwrapsEarlierWraps() {
        String persisted = LocalKeyEncryptionKey.newMasterKeyset();
        byte[] wrapped = LocalKeyEncryptionKey.fromMasterKeyset(persisted).wrap(KEYSET, AD);

        KeyEncryptionKey afterRestart = LocalKeyEncryptionKey.fromMasterKeyset(persisted + "\n");

        assertArrayEquals(KEYSET, afterRestart.unwrap(wrapped, AD));
    }

    @Test
    void unwrapWithOtherAssociatedDataFails() {
        KeyEncryptionKey kek = LocalKeyEncryptionKey.fromMasterKeyset(LocalKeyEncryptionKey.newMasterKeyset());
        byte[] wrapped = kek.wrap(KEYSET, AD);

        assertThrows(UnreadableKeyException.class,
                () -> kek.unwrap(wrapped, "E2002".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedMasterKeysetIsRejectedWithoutEchoingIt() {
        String text = Base64.getEncoder().encodeToString("{\"primaryKeyId\": 1, \"key\": []}".getBytes(StandardCharsets.UTF_8));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalKeyEncryptionKey.fromMasterKeyset(text));

        assertFalse(e.getMessage().contains(text));
        assertNull(e.getCause());
    }

    @Test
    void masterKeysetOfAWeakerKeyTypeIsRejected() throws Exception {
        KeysetHandle aes128 = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM);
        String text = Base64.getEncoder().encodeToString(
                TinkJsonProtoKeysetFormat.serializeKeyset(aes128, InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8));

        assertThrows(IllegalArgumentException.class, () -> LocalKeyEncryptionKey.fromMasterKeyset(text));
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        String persisted = LocalKeyEncryptionKey.newMasterKeyset();
        JsonNode keyset = new ObjectMapper().readTree(Base64.getDecoder().decode(persisted));
        String keyValue = keyset.get("key").get(0).get("keyData").get("value").asText();

        String shown = LocalKeyEncryptionKey.fromMasterKeyset(persisted).toString();

        assertFalse(shown.contains(keyValue));
        assertFalse(shown.contains(persisted));
    }
}
