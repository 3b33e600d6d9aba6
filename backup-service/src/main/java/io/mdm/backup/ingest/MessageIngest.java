package io.mdm.backup.ingest;

import io.mdm.backup.DeviceDeletion;
import io.mdm.backup.MessagingPolicy;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.backup.domain.MessageSealer;
import io.mdm.backup.domain.MessageValidator;
import io.mdm.backup.domain.SealedMessage;
import io.mdm.backup.domain.Violation;
import io.mdm.backup.persistence.MessageRepository;
import io.mdm.backup.persistence.MessageRepository.Archived;
import io.mdm.backup.persistence.RetiredDeviceRepository;
import io.mdm.backup.persistence.UploadRepository;
import io.mdm.backup.persistence.UploadRepository.Kind;
import io.mdm.backup.persistence.UploadRepository.PendingUpload;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What a phone sends to the backup: batches of chat messages, sealed with the employee's key
 * before they are stored, and the deletions made on the phone, recorded without removing anything.
 * Each batch costs one policy lookup (usually cached), one key lookup and a few writes, whatever
 * its size.
 */
@ApplicationScoped
public class MessageIngest {

    private final RetiredDeviceRepository retiredDevices;
    private final DevicePolicyCache policies;
    private final EmployeeKeyring keyring;
    private final MessageRepository messages;
    private final UploadRepository uploads;
    private final MessageValidator validator;
    private final Clock clock;

    public MessageIngest(RetiredDeviceRepository retiredDevices, DevicePolicyCache policies, EmployeeKeyring keyring,
                         MessageRepository messages, UploadRepository uploads, Clock clock) {
        this.retiredDevices = retiredDevices;
        this.policies = policies;
        this.keyring = keyring;
        this.messages = messages;
        this.uploads = uploads;
        this.validator = new MessageValidator(clock);
        this.clock = clock;
    }

    /**
     * Archives a batch of the employee's messages, all or nothing as far as the rules go: an invalid
     * message, or one the device's policy does not let the backup take, refuses the whole batch.
     * Messages archived before count as duplicates.
     *
     * @throws ProblemException 403 for a retired device, 400 for invalid messages, 422 for messages
     *         the policy does not cover, 503 when the policy-service cannot answer
     */
    public Archived archive(String deviceId, String employeeId, List<ChatMessage> batch) {
        refuseRetired(deviceId);
        List<Violation> invalid = validator.validateBatch(batch);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Some messages are invalid; nothing was stored.", problems(invalid));
        }
        MessagingPolicy policy = policies.forDevice(deviceId);
        List<Violation> refused = policy.check(batch);
        if (!refused.isEmpty()) {
            throw ProblemException.ruleViolated("The device's effective policy does not let the backup take some "
                    + "of these messages; nothing was stored.", problems(refused));
        }
        MessageSealer sealer = new MessageSealer(keyring.keyForWriting(employeeId));
        List<SealedMessage> sealed = batch.stream().map(message -> sealer.seal(employeeId, message)).toList();

        PendingUpload upload = new PendingUpload(UUID.randomUUID().toString(), Kind.MESSAGES, employeeId, deviceId,
                sealed.stream().map(m -> MessageRepository.key(employeeId, m.messageId())).toList(), now());
        uploads.begin(upload);
        Archived archived = messages.insert(employeeId, deviceId, upload.id(), sealed, upload.receivedAt(),
                policy.retentionDays());
        uploads.completeArchive(upload, archived.accepted(), archived.duplicates(), now());
        return archived;
    }

    /**
     * Marks the employee's messages as deleted on the device; nothing is removed. Returns how many
     * messages were marked now: unknown ids and messages marked before are not counted.
     *
     * @throws ProblemException 403 for a retired device, 400 for invalid deletions
     */
    public int recordDeletions(String deviceId, String employeeId, List<DeviceDeletion> deletions) {
        refuseRetired(deviceId);
        List<Violation> invalid = DeviceDeletion.check(deletions, clock.instant());
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Some deletions are invalid; nothing was recorded.", problems(invalid));
        }
        PendingUpload upload = new PendingUpload(UUID.randomUUID().toString(), Kind.DELETIONS, employeeId, deviceId,
                deletions.stream().map(d -> MessageRepository.key(employeeId, d.messageId())).distinct().toList(),
                now());
        uploads.begin(upload);
        int recorded = messages.markDeletedOnDevice(employeeId, upload.id(), deletions);
        uploads.completeDeletions(upload, recorded, now());
        return recorded;
    }

    private void refuseRetired(String deviceId) {
        if (retiredDevices.isRetired(deviceId)) {
            throw ProblemException.forbidden("This device was retired; it can no longer send anything to the backup.");
        }
    }

    /** MongoDB keeps milliseconds; what is stored and what is announced are then the same instant. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<Problem.Violation> problems(List<Violation> violations) {
        return violations.stream().map(v -> new Problem.Violation(v.field(), v.rule(), v.message())).toList();
    }
}
