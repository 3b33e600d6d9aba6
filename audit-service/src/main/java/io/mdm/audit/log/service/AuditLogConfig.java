package io.mdm.audit.log.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

import java.time.Duration;
import java.util.Optional;

/** The audit log's settings ({@code mdm.audit.*}). */
@ConfigMapping(prefix = "mdm.audit")
public interface AuditLogConfig {

    /**
     * {@code mdm.audit.signing-key} ({@code MDM_AUDIT_SIGNING_KEY}): the Ed25519 private key that
     * signs checkpoints, PKCS#8 DER in base64. Required in production; elsewhere a key is made
     * for the process when it is absent.
     */
    Optional<String> signingKey();

    /** {@code mdm.audit.origin}: the log's name in checkpoints and in the key ID; never change it. */
    @WithDefault("mdm.local/audit")
    String origin();

    /** {@code mdm.audit.checkpoint-every-records}: sign a checkpoint once the log grew by this many records. */
    @WithDefault("100")
    @Positive
    int checkpointEveryRecords();

    /** {@code mdm.audit.checkpoint-every}: sign a checkpoint this long after the last one when the log grew. */
    @WithDefault("PT10S")
    Duration checkpointEvery();

    /** {@code mdm.audit.stream-interval}: how often the stream publisher looks for records to publish. */
    @WithDefault("200ms")
    Duration streamInterval();

    /** {@code mdm.audit.stream-batch-size}: records the stream publisher sends per round. */
    @WithDefault("2000")
    @Positive
    int streamBatchSize();
}
