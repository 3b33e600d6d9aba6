package io.mdm.audit.log.service;

import io.mdm.audit.log.CheckpointSigner;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointKeysTest {

    @Test
    void productionWithoutAKeyDoesNotStartAndNamesTheKey() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> CheckpointKeys.signer(Optional.empty(), "mdm.example.com/audit", true));

        assertTrue(refused.getMessage().contains("mdm.audit.signing-key"), refused.getMessage());
        assertTrue(refused.getMessage().contains("MDM_AUDIT_SIGNING_KEY"), refused.getMessage());
    }

    @Test
    void aConfiguredKeySignsInProduction() {
        String key = CheckpointSigner.generatePrivateKey();

        CheckpointSigner signer = CheckpointKeys.signer(Optional.of(key), "mdm.example.com/audit", true);

        assertEquals(new CheckpointSigner("mdm.example.com/audit", key).keyId(), signer.keyId());
    }

    @Test
    void aKeyThatIsNotEd25519IsRefusedNamingTheKey() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> CheckpointKeys.signer(Optional.of("bm90IGEga2V5"), "mdm.example.com/audit", false));

        assertTrue(refused.getMessage().contains("mdm.audit.signing-key"), refused.getMessage());
    }

    @Test
    void outsideProductionEachProcessMakesItsOwnKey() {
        CheckpointSigner one = CheckpointKeys.signer(Optional.empty(), "mdm.local/audit", false);
        CheckpointSigner other = CheckpointKeys.signer(Optional.of(" "), "mdm.local/audit", false);

        assertNotEquals(one.keyId(), other.keyId());
    }

    @Test
    void anOriginWithSpacesIsRefusedNamingIt() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> CheckpointKeys.signer(Optional.empty(), "my log", false));

        assertTrue(refused.getMessage().contains("mdm.audit.origin"), refused.getMessage());
    }
}
