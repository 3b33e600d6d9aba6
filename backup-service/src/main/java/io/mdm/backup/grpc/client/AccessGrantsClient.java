package io.mdm.backup.grpc.client;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.mdm.backup.config.BackupConfig;
import io.mdm.backup.read.ReadAuthorization;
import io.mdm.backup.read.ReadScope;
import io.mdm.contracts.grpc.audit.v1.AccessGrantsGrpc;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import io.mdm.platform.grpc.ChannelRecovery;
import io.mdm.platform.grpc.ServiceToken;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The audit-service's {@code AccessGrants}, the one gate in front of decrypted content. The
 * backup-service authenticates itself with its own client-credentials token in the
 * {@code authorization} metadata; the caller's token travels in the request, for the
 * audit-service to verify itself. Generated proto types stay in here.
 */
@ApplicationScoped
public class AccessGrantsClient {

    private static final Logger LOG = Logger.getLogger(AccessGrantsClient.class);

    private final AccessGrantsGrpc.AccessGrantsBlockingStub grants;
    private final Channel channel;
    private final ServiceToken serviceToken;
    private final Duration timeout;

    public AccessGrantsClient(@GrpcClient("access-grants") AccessGrantsGrpc.AccessGrantsBlockingStub grants,
                              @GrpcClient("access-grants") Channel channel,
                              ServiceToken serviceToken,
                              BackupConfig config) {
        this.grants = grants;
        this.channel = channel;
        this.serviceToken = serviceToken;
        this.timeout = config.accessGrantsTimeout();
    }

    /**
     * Asks whether the caller may read {@code scope} under {@code grantId}. Blocking: call it on a
     * worker thread.
     *
     * @throws ProblemException {@link ProblemType#UNAVAILABLE} when no decision can be had (the
     *         audit-service or Keycloak unreachable, too slow or failing): nothing may be read then
     */
    public ReadAuthorization authorizeRead(String grantId, ReadScope scope, String callerToken) {
        AuthorizeReadRequest request = AuthorizeReadRequest.newBuilder()
                .setGrantId(grantId)
                .setSubjectEmployeeId(scope.employeeId())
                .setFrom(timestamp(scope.from()))
                .setTo(timestamp(scope.to()))
                .setConversationId(scope.conversationId().orElse(""))
                .setCallerToken(callerToken)
                .build();
        AccessGrantsGrpc.AccessGrantsBlockingStub asBackupService = serviceToken.attachTo(grants, timeout)
                .orElseThrow(AccessGrantsClient::unavailable);
        AuthorizeReadResponse response;
        ChannelRecovery.dialNowIfBackingOff(channel);
        try {
            // A deadline per call: one set on the stub would be a fixed instant, long past for later calls.
            // Waiting for the connection within it is safe: nothing is sent, so no read spent, before it.
            response = asBackupService.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .withWaitForReady()
                    .authorizeRead(request);
        } catch (StatusRuntimeException e) {
            LOG.warnf("audit-service did not decide a read: %s", e.getStatus().getCode());
            throw unavailable();
        }
        return new ReadAuthorization(response.getAllowed(), response.getDenialReason(), response.getRemainingReads(),
                response.hasValidUntil() ? instant(response.getValidUntil()) : null, response.getAuditSeq());
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.UNAVAILABLE, "The audit service cannot decide this read now, so "
                + "nothing was decrypted. Retry later.");
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
