package io.mdm.audit.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdm.audit.access.Caller;
import io.mdm.audit.readgate.ReadGate;
import io.mdm.audit.readgate.ReadOutcome;
import io.mdm.audit.readgate.ReadRequest;
import io.mdm.contracts.grpc.audit.v1.AccessGrantsGrpc;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import io.mdm.platform.grpc.BearerTokens;
import io.mdm.platform.grpc.ServiceCallers;
import io.mdm.platform.grpc.ServiceTokenInterceptor;
import io.mdm.platform.grpc.VerifiedToken;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mdm.audit.v1.AccessGrants}: only the backup-service may ask, with its own service token;
 * who reads is taken from the human caller's token, never from the backup-service's word.
 */
@GrpcService
@RegisterInterceptor(ServiceTokenInterceptor.class)
public class AccessGrantsService extends AccessGrantsGrpc.AccessGrantsImplBase {

    /** The Keycloak client of the one service allowed to ask for reads. */
    static final String BACKUP_SERVICE_CLIENT = "backup-service";

    private final ServiceCallers services;
    private final BearerTokens tokens;
    private final ReadGate gate;

    public AccessGrantsService(ServiceCallers services, BearerTokens tokens, ReadGate gate) {
        this.services = services;
        this.tokens = tokens;
        this.gate = gate;
    }

    @Override
    @Blocking
    public void authorizeRead(AuthorizeReadRequest request, StreamObserver<AuthorizeReadResponse> response) {
        Optional<StatusRuntimeException> refusal = services.refusal(Set.of(BACKUP_SERVICE_CLIENT));
        if (refusal.isPresent()) {
            response.onError(refusal.get());
            return;
        }
        ReadOutcome outcome = gate.authorize(tokens.verify(request.getCallerToken()).flatMap(AccessGrantsService::caller),
                new ReadRequest(request.getGrantId(), request.getSubjectEmployeeId(),
                        request.hasFrom() ? instant(request.getFrom()) : null,
                        request.hasTo() ? instant(request.getTo()) : null,
                        request.getConversationId().isEmpty() ? null : request.getConversationId()));
        AuthorizeReadResponse.Builder answer = AuthorizeReadResponse.newBuilder()
                .setAllowed(outcome.allowed())
                .setRemainingReads(outcome.remainingReads())
                .setAuditSeq(outcome.auditSeq());
        if (outcome.denialReason() != null) {
            answer.setDenialReason(outcome.denialReason());
        }
        if (outcome.validUntil() != null) {
            answer.setValidUntil(timestamp(outcome.validUntil()));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    /** The person behind the token, or empty when it names no user (e.g. a service account without a user name). */
    private static Optional<Caller> caller(VerifiedToken token) {
        return token.claim("preferred_username")
                .map(username -> new Caller(username, token.claim("employee_id").orElse(null), token.roles()));
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
