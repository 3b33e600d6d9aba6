package io.mdm.backup.rest;

import io.mdm.backup.LegalHold;
import io.mdm.backup.persistence.LegalHoldRepository;
import io.mdm.backup.persistence.MessageRepository;
import io.mdm.backup.persistence.MessageRepository.Summary;
import io.mdm.backup.shredding.CryptoShredding;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** One employee's backup as a whole: how much there is, and its crypto-shredding. Never any content. */
@Path("/api/v1/backup/subjects/{employeeId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backup subjects", description = "The backup of one employee (the data subject), without content.")
public class SubjectResource {

    public record SummaryView(long messageCount, Instant firstSentAt, Instant lastSentAt, boolean onLegalHold) {
    }

    public record Shredding(String reason) {
    }

    public record ShreddingView(String employeeId, String status, Instant shreddedAt, String shreddedBy) {
    }

    private final MessageRepository messages;
    private final LegalHoldRepository holds;
    private final CryptoShredding shredding;
    private final CurrentCaller caller;

    public SubjectResource(MessageRepository messages, LegalHoldRepository holds, CryptoShredding shredding,
                           CurrentCaller caller) {
        this.messages = messages;
        this.holds = holds;
        this.shredding = shredding;
        this.caller = caller;
    }

    @GET
    @Path("/summary")
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Operation(summary = "Summarise an employee's backup",
            description = "How many messages are stored (deleted-on-device ones included), the first and last sentAt "
                    + "(null when there is none), and whether an active legal hold names the employee. No content. "
                    + "An employee without backup answers messageCount 0.")
    @APIResponse(responseCode = "200", description = "{messageCount, firstSentAt, lastSentAt, onLegalHold}")
    @APIResponse(responseCode = "400", description = "Not an employee id")
    @APIResponse(responseCode = "403", description = "The caller is not a compliance officer")
    public SummaryView summary(@PathParam("employeeId") String employeeId) {
        checkEmployeeId(employeeId);
        Summary summary = messages.summary(employeeId);
        return new SummaryView(summary.messageCount(), summary.firstSentAt(), summary.lastSentAt(),
                holds.isUnderActiveHold(employeeId));
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MDM_ADMIN)
    @Operation(summary = "Crypto-shred an employee's backup",
            description = "Destroys the employee's data key: every message stored so far can never be decrypted "
                    + "again. The ciphertext stays until retention removes it. Refused while an active legal hold "
                    + "names the employee. Messages uploaded later are sealed with a new key, which cannot open "
                    + "anything shredded. Body {reason} (10 to 2000 characters), kept in the service; emits "
                    + "mdm.backup.subject-shredded without it. Repeating it is harmless.")
    @APIResponse(responseCode = "200", description = "{employeeId, status: SHREDDED, shreddedAt, shreddedBy}")
    @APIResponse(responseCode = "400", description = "Not an employee id, or a missing, short or long reason")
    @APIResponse(responseCode = "403", description = "The caller is not an mdm-admin")
    @APIResponse(responseCode = "409", description = "An active legal hold names the employee")
    public ShreddingView shred(@PathParam("employeeId") String employeeId, Shredding body) {
        checkEmployeeId(employeeId);
        checkReason(body == null ? null : body.reason());
        String by = caller.get().username();
        Instant at = shredding.shred(employeeId, by, body.reason());
        return new ShreddingView(employeeId, "SHREDDED", at, by);
    }

    private static void checkEmployeeId(String employeeId) {
        if (!LegalHold.isEmployeeId(employeeId)) {
            throw ProblemException.invalid("The employee id is invalid.", List.of(new Problem.Violation("employeeId",
                    "format", "must be 1 to 64 letters, digits, dots, underscores or hyphens")));
        }
    }

    private static void checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("A reason is required.",
                    List.of(new Problem.Violation("reason", "required", "must be present and not blank")));
        }
        int length = reason.codePointCount(0, reason.length());
        if (length < LegalHold.MIN_REASON_LENGTH || length > LegalHold.MAX_REASON_LENGTH) {
            throw ProblemException.invalid("The reason is too short or too long.", List.of(new Problem.Violation(
                    "reason", "length", "must be " + LegalHold.MIN_REASON_LENGTH + " to " + LegalHold.MAX_REASON_LENGTH
                            + " characters")));
        }
    }
}
