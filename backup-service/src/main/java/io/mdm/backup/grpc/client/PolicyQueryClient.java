package io.mdm.backup.grpc.client;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdm.backup.MessagingPolicy;
import io.mdm.backup.config.BackupConfig;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.GetEffectivePolicyRequest;
import io.mdm.contracts.grpc.policy.v1.MessagingSettings;
import io.mdm.contracts.grpc.policy.v1.PolicyQueryGrpc;
import io.mdm.platform.grpc.ChannelRecovery;
import io.mdm.platform.grpc.ServiceToken;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The policy-service's {@code PolicyQuery}, reduced to what the backup needs, asked with the
 * backup-service's own service token. Generated proto types stay in here.
 */
@ApplicationScoped
public class PolicyQueryClient {

    private static final Logger LOG = Logger.getLogger(PolicyQueryClient.class);

    private final PolicyQueryGrpc.PolicyQueryBlockingStub policies;
    private final Channel channel;
    private final ServiceToken serviceToken;
    private final Duration timeout;

    public PolicyQueryClient(@GrpcClient("policy-query") PolicyQueryGrpc.PolicyQueryBlockingStub policies,
                             @GrpcClient("policy-query") Channel channel,
                             ServiceToken serviceToken,
                             BackupConfig config) {
        this.policies = policies;
        this.channel = channel;
        this.serviceToken = serviceToken;
        this.timeout = config.policyQueryTimeout();
    }

    /**
     * The messaging part of the device's effective policy; empty when the policy-service does not
     * know the device.
     *
     * @throws ProblemException {@link ProblemType#UNAVAILABLE} when the policy-service cannot answer
     *         (unreachable, too slow, failing): a temporary state, so the phone should retry
     */
    public Optional<MessagingPolicy> messagingPolicy(String deviceId) {
        PolicyQueryGrpc.PolicyQueryBlockingStub asBackupService = serviceToken.attachTo(policies, timeout)
                .orElseThrow(PolicyQueryClient::unavailable);
        EffectivePolicy policy;
        ChannelRecovery.dialNowIfBackingOff(channel);
        try {
            // A deadline per call: one set on the stub would be a fixed instant, long past for later calls.
            policy = asBackupService.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .withWaitForReady()
                    .getEffectivePolicy(GetEffectivePolicyRequest.newBuilder().setDeviceId(deviceId).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            LOG.warnf("policy-service did not answer an effective policy: %s", e.getStatus().getCode());
            throw unavailable();
        }
        if (!policy.getSettings().hasMessaging()) {
            return Optional.of(MessagingPolicy.NO_BACKUP);
        }
        MessagingSettings messaging = policy.getSettings().getMessaging();
        // Absent means "no requirement": no backup required, no retention period set.
        Integer retentionDays = messaging.hasRetentionDays() && messaging.getRetentionDays() >= 1
                ? messaging.getRetentionDays() : null;
        return Optional.of(new MessagingPolicy(new HashSet<>(messaging.getApprovedAppsList()),
                messaging.hasBackupRequired() && messaging.getBackupRequired(), retentionDays));
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.UNAVAILABLE, "The policy service cannot be reached, so this upload "
                + "cannot be checked against the device's policy; nothing was stored. Retry later.");
    }
}
