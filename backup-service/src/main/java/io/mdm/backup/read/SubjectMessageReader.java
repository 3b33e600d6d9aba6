package io.mdm.backup.read;

import io.mdm.backup.domain.EmployeeDataKey;
import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.backup.domain.MessageSealer;
import io.mdm.backup.domain.UnreadableMessageException;
import io.mdm.backup.grpc.client.AccessGrantsClient;
import io.mdm.backup.persistence.MessageRepository;
import io.mdm.backup.persistence.MessageRepository.Position;
import io.mdm.backup.persistence.MessageRepository.StoredMessage;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The only way to decrypted backup content: the audit-service authorizes each call for its
 * exact scope first, and only then is a page of that scope loaded and opened.
 */
@ApplicationScoped
public class SubjectMessageReader {

    private static final Logger LOG = Logger.getLogger(SubjectMessageReader.class);

    private final AccessGrantsClient grants;
    private final MessageRepository messages;
    private final EmployeeKeyring keyring;

    public SubjectMessageReader(AccessGrantsClient grants, MessageRepository messages, EmployeeKeyring keyring) {
        this.grants = grants;
        this.messages = messages;
        this.keyring = keyring;
    }

    /**
     * One page of the subject's messages in {@code scope}, oldest first.
     *
     * @param after where the previous page of the same scope ended, empty for the first page
     * @throws ProblemException 403 with the audit-service's reason when the read is refused, 503
     *         when it cannot be decided, 410 when the subject's key was destroyed, 422 when a stored
     *         message fails its integrity check (then nothing of the page is returned)
     */
    public ReadPage read(String grantId, ReadScope scope, Optional<Position> after, int limit, String callerToken) {
        ReadAuthorization authorization = grants.authorizeRead(grantId, scope, callerToken);
        if (!authorization.allowed()) {
            throw ProblemException.forbidden("The audit service refused this read: " + authorization.denialReason());
        }
        List<StoredMessage> stored = messages.inScope(scope, after, limit + 1);
        List<StoredMessage> page = stored.subList(0, Math.min(limit, stored.size()));
        if (page.isEmpty()) {
            return new ReadPage(List.of(), null, authorization.remainingReads());
        }
        EmployeeDataKey key = keyring.keyForReading(scope.employeeId()).orElseThrow(() -> new ProblemException(
                ProblemType.GONE, "The data key was destroyed: this employee's backup was crypto-shredded and can "
                        + "never be decrypted again."));
        MessageSealer sealer = new MessageSealer(key);
        List<ReadMessage> items = new ArrayList<>(page.size());
        List<String> unreadable = new ArrayList<>();
        for (StoredMessage m : page) {
            try {
                items.add(ReadMessage.of(sealer.open(scope.employeeId(), m.sealed().messageId(), m.sealed()),
                        m.deletedOnDeviceAt()));
            } catch (UnreadableMessageException e) {
                unreadable.add(m.sealed().messageId());
            }
        }
        if (!unreadable.isEmpty()) {
            // Stored data was altered or misplaced: a security matter, logged by id only.
            LOG.errorf("%d stored messages of a subject failed their integrity check: %s", unreadable.size(),
                    unreadable);
            throw ProblemException.ruleViolated("Some messages in this page failed their integrity check, so none "
                    + "of the page is returned.", unreadable.stream().map(id -> new Problem.Violation("messageId",
                    "integrity", id + " cannot be authenticated")).toList());
        }
        String nextCursor = stored.size() > limit
                ? ReadCursor.encode(scope, new Position(page.getLast().sealed().sentAt(), page.getLast().key()))
                : null;
        return new ReadPage(items, nextCursor, authorization.remainingReads());
    }
}
