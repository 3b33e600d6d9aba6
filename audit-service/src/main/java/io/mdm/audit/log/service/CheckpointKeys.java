package io.mdm.audit.log.service;

import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.CheckpointSigner;
import io.mdm.audit.log.CheckpointVerifier;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;

/** Chooses the key that signs checkpoints: the configured one, or (outside production) a new one. */
final class CheckpointKeys {

    static final String SIGNING_KEY = "mdm.audit.signing-key";
    static final String ORIGIN = "mdm.audit.origin";

    private static final Logger LOG = Logger.getLogger(CheckpointKeys.class);

    private CheckpointKeys() {
    }

    /**
     * @param production whether the service runs in production, where a key made up at start-up
     *                   would sign checkpoints that no one can verify after the next restart
     * @throws ConfigurationException naming the key: a missing key in production, a key that is
     *                                not Ed25519 PKCS#8 in base64, an origin C2SP does not allow
     */
    static CheckpointSigner signer(Optional<String> configuredKey, String origin, boolean production) {
        requireValidOrigin(origin);
        Optional<String> key = configuredKey.filter(text -> !text.isBlank());
        if (key.isPresent()) {
            try {
                return new CheckpointSigner(origin, key.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(SIGNING_KEY
                        + " (MDM_AUDIT_SIGNING_KEY) is not an Ed25519 private key in PKCS#8 DER, base64", Set.of(SIGNING_KEY));
            }
        }
        if (production) {
            throw new ConfigurationException(SIGNING_KEY + " (MDM_AUDIT_SIGNING_KEY) is required in production: "
                    + "the Ed25519 private key that signs audit checkpoints, PKCS#8 DER in base64", Set.of(SIGNING_KEY));
        }
        CheckpointSigner generated = new CheckpointSigner(origin, CheckpointSigner.generatePrivateKey());
        LOG.warnf("%s is not set: audit checkpoints are signed with a key made for this process only (key ID %s)",
                SIGNING_KEY, generated.keyId());
        return generated;
    }

    private static void requireValidOrigin(String origin) {
        try {
            Checkpoint.keyIdOf(origin, new byte[CheckpointVerifier.ED25519_KEY_SIZE]);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ORIGIN + " must be a checkpoint origin: not empty, without spaces or '+'",
                    Set.of(ORIGIN));
        }
    }
}
