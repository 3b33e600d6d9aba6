package io.mdm.backup.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.backup.DeviceDeletion;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.ingest.MessageIngest;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.mdm.platform.security.Caller;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.util.List;

/** What phones send to the backup, with their device token: chat messages and deletions made on the phone. */
@Path("/api/v1/backup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DEVICE)
@Tag(name = "Backup ingest", description = "Phone agents only (device token). The employee is the one the token "
        + "names, never a field of the body.")
public class DeviceUploadResource {

    /** API.md: an upload is at most 4 MiB. */
    static final int MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

    public record MessageBatch(List<ChatMessage> messages) {
    }

    public record UploadResult(int accepted, int duplicates) {
    }

    public record DeletionBatch(List<DeviceDeletion> deletions) {
    }

    public record DeletionResult(int recorded) {
    }

    private final MessageIngest ingest;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    public DeviceUploadResource(MessageIngest ingest, CurrentCaller caller, ObjectMapper json) {
        this.ingest = ingest;
        this.caller = caller;
        this.json = json;
    }

    /**
     * Takes the raw body, so that its size is known however it was sent (the service-wide HTTP
     * limit is set a little higher, for this check to answer with a problem). The method returns a
     * {@link Uni}, so Quarkus reads the body into memory on the event loop first
     * ({@code quarkus.rest.input-buffer-size}) and the JSON is parsed there, as for any reactive
     * endpoint; a blocking method got the body from the event loop chunk by chunk, which cost a
     * tenth of the service's CPU under ingest load. The batch is archived on a worker thread: the
     * MongoDB driver and the policy lookup block.
     */
    @POST
    @Path("/messages")
    @Operation(summary = "Upload chat messages",
            description = "1 to 500 messages, at most 4 MiB. Each is sealed with the employee's key before it is "
                    + "stored; only app, conversationId, sentAt and direction stay in clear. Idempotent per "
                    + "(employee, messageId): a message sent again counts as a duplicate. All or nothing: if a "
                    + "message is invalid (400) or its app is not an approved messenger whose backup the device's "
                    + "effective policy requires (422), nothing is stored. Emits mdm.backup.messages-archived "
                    + "with counts only.")
    @APIResponse(responseCode = "200", description = "{accepted, duplicates}")
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid messages, named in violations")
    @APIResponse(responseCode = "403", description = "Not a device token, or a retired device")
    @APIResponse(responseCode = "413", description = "The body is larger than 4 MiB")
    @APIResponse(responseCode = "422", description = "Messages the device's policy does not let the backup take, "
            + "named in violations (messages[i].app)")
    @APIResponse(responseCode = "503", description = "The policy service cannot be reached; retry later")
    public Uni<UploadResult> upload(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MessageBatch.class))) byte[] body) throws IOException {
        if (body.length > MAX_UPLOAD_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "An upload may be at most 4 MiB; send the messages in smaller batches.");
        }
        MessageBatch batch = body.length == 0 ? null : json.readValue(body, MessageBatch.class);
        if (batch == null) {
            throw missingBody();
        }
        Caller phone = caller.get();
        String employeeId = employeeOf(phone);
        return Uni.createFrom().item(() -> ingest.archive(phone.username(), employeeId, batch.messages()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(archived -> new UploadResult(archived.accepted(), archived.duplicates()));
    }

    @POST
    @Path("/deletions")
    @Operation(summary = "Record deletions made on the phone",
            description = "1 to 500 {messageId, deletedAt}. The backup copies stay; each is marked deleted on the "
                    + "device at the first time reported. recorded counts the messages marked by this request: "
                    + "unknown ids and messages marked before are not counted, so repeating a request records "
                    + "nothing more. Emits mdm.backup.deletion-recorded with the count.")
    @APIResponse(responseCode = "200", description = "{recorded}")
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid deletions, named in violations")
    @APIResponse(responseCode = "403", description = "Not a device token, or a retired device")
    public DeletionResult deletions(DeletionBatch body) {
        if (body == null) {
            throw missingBody();
        }
        Caller phone = caller.get();
        return new DeletionResult(ingest.recordDeletions(phone.username(), employeeOf(phone), body.deletions()));
    }

    private static String employeeOf(Caller phone) {
        return phone.employeeId().orElseThrow(() -> ProblemException.forbidden(
                "This device token names no employee, so nothing can be backed up for it."));
    }

    private static ProblemException missingBody() {
        return ProblemException.invalid("A JSON body is required.",
                List.of(new Problem.Violation("body", "required", "must be a JSON object")));
    }
}
