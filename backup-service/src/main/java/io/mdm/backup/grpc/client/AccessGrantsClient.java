package io.mdm.backup.grpc.client;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.mdm.backup.config.BackupConfig;
import io.mdm.backup.read.ReadAuthorization;
import io.mdm.backup.read.ReadScope;
import io.mdm.contracts.grpc.audit.v1.AccessGrantsGrpc;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import io.mdm.platform.grpc.ChannelRecovery;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The audit-service's {@code AccessGrants}, the one gate in front of decrypted content. The
 * backup-service authenticates itself with its own client-credentials token in the
 * {@code authorization} metadata; the caller's token travels in the request, for the
 * audit-service to verify itself. Generated proto types stay in here.
 */
@ApplicationScoped
public class AccessGrantsClient {

    private static final Logger LOG = Logger.getLogger(AccessGrantsClient.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AccessGrantsGrpc.AccessGrantsBlockingStub grants;
    private final Channel channel;
    private final OidcClient oidc;
    private final Duration timeout;
    // The last service token, reused until it expires so that not every read asks Keycloak.
    private final AtomicReference<Tokens> serviceTokens = new AtomicReference<>();

    public AccessGrantsClient(@GrpcClient("access-grants") AccessGrantsGrpc.AccessGrantsBlockingStub grants,
                              @GrpcClient("access-grants") Channel channel,
                              OidcClient oidc,
                              BackupConfig config) {
        this.grants = grants;
        this.channel = channel;
        this.oidc = oidc;
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
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + serviceToken());
        AuthorizeReadResponse response;
        ChannelRecovery.dialNowIfBackingOff(channel);
        try {
            // A deadline per call: one set on the stub would be a fixed instant, long past for later calls.
            // Waiting for the connection within it is safe: nothing is sent, so no read spent, before it.
            response = grants.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .withWaitForReady()
                    .authorizeRead(request);
        } catch (StatusRuntimeException e) {
            LOG.warnf("audit-service did not decide a read: %s", e.getStatus().getCode());
            throw unavailable();
        }
        return new ReadAuthorization(response.getAllowed(), response.getDenialReason(), response.getRemainingReads(),
                response.hasValidUntil() ? instant(response.getValidUntil()) : null, response.getAuditSeq());
    }

    private String serviceToken() {
        Tokens current = serviceTokens.get();
        if (current != null && !current.isAccessTokenExpired()) {
            return current.getAccessToken();
        }
        try {
            Tokens fresh = oidc.getTokens().await().atMost(timeout);
            serviceTokens.set(fresh);
            return fresh.getAccessToken();
        } catch (RuntimeException e) {
            // The exception class only: an OIDC error text may quote the request.
            LOG.warnf("no service token for the audit-service: %s", e.getClass().getSimpleName());
            throw unavailable();
        }
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
