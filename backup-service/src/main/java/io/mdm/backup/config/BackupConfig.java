package io.mdm.backup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The backup-service's own settings ({@code mdm.backup.*}). */
@ConfigMapping(prefix = "mdm.backup")
public interface BackupConfig {

    /**
     * {@code mdm.backup.master-key} (env {@code MDM_BACKUP_MASTER_KEY}): the key encryption key,
     * base64 of a cleartext Tink JSON AES-256-GCM keyset. Required in production; dev and test runs
     * generate one for the life of the process.
     */
    Optional<String> masterKey();

    /**
     * {@code mdm.backup.policy-query-timeout}: the longest an upload waits for the policy-service
     * before it is answered 503.
     */
    @WithDefault("PT3S")
    Duration policyQueryTimeout();

    /**
     * {@code mdm.backup.access-grants-timeout}: how long a read waits for the audit-service's
     * decision (and for the service token to ask it with) before it is answered 503.
     */
    @WithDefault("PT3S")
    Duration accessGrantsTimeout();

    /** {@code mdm.backup.policy-cache-ttl}: the longest a device's effective policy is reused without asking again. */
    @WithDefault("PT5M")
    Duration policyCacheTtl();

    /** {@code mdm.backup.policy-cache-size}: how many devices' policies are kept. */
    @WithDefault("10000")
    int policyCacheSize();

    /**
     * {@code mdm.backup.retention-every}: how often retention runs, a scheduler interval such as
     * {@code PT1H}; {@code off} disables the schedule (the API still runs it). Read by the scheduler.
     */
    String retentionEvery();

    /**
     * {@code mdm.backup.upload-recovery-every}: how often uploads a stopped replica left pending are
     * completed; {@code off} disables it. Read by the scheduler.
     */
    String uploadRecoveryEvery();
}
