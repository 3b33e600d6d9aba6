package io.mdm.audit.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mdm.audit.readgate.ReadGate;
import io.mdm.audit.readgate.ReadOutcome;
import io.mdm.audit.readgate.ReadRequest;
import io.mdm.contracts.grpc.audit.v1.AccessGrantsGrpc;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code mdm.audit.v1.AccessGrants}: only the backup-service may ask, with its own service token;
 * who reads is taken from the human caller's token, never from the backup-service's word.
 */
@GrpcService
@RegisterInterceptor(ServiceTokenInterceptor.class)
public class AccessGrantsService extends AccessGrantsGrpc.AccessGrantsImplBase {

    /** The Keycloak client of the one service allowed to ask for reads. */
    static final String BACKUP_SERVICE_CLIENT = "backup-service";

    private final BearerTokens tokens;
    private final ReadGate gate;

    public AccessGrantsService(BearerTokens tokens, ReadGate gate) {
        this.tokens = tokens;
        this.gate = gate;
    }

    @Override
    @Blocking
    public void authorizeRead(AuthorizeReadRequest request, StreamObserver<AuthorizeReadResponse> response) {
        Optional<VerifiedToken> service = tokens.verify(ServiceTokenInterceptor.SERVICE_TOKEN.get());
        if (service.isEmpty()) {
            response.onError(Status.UNAUTHENTICATED.withDescription("a valid service token is required")
                    .asRuntimeException());
            return;
        }
        if (!service.get().authorizedParty().filter(BACKUP_SERVICE_CLIENT::equals).isPresent()) {
            response.onError(Status.PERMISSION_DENIED.withDescription("only the backup-service may authorize reads")
                    .asRuntimeException());
            return;
        }
        ReadOutcome outcome = gate.authorize(tokens.verify(request.getCallerToken()).flatMap(VerifiedToken::asCaller),
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

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
