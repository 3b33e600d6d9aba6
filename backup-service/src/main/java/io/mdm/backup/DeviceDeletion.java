package io.mdm.backup;

import io.mdm.backup.domain.MessageValidator;
import io.mdm.backup.domain.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The phone reports that the employee deleted a chat message on the device. The backup copy is
 * never removed for it (principle 5): it is only marked as deleted on the device at that time.
 */
public record DeviceDeletion(String messageId, Instant deletedAt) {

    public static final int MAX_BATCH_SIZE = MessageValidator.MAX_BATCH_SIZE;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * Every broken rule of a batch, with the rule names of {@link MessageValidator}: {@code size}
     * (1 to {@value #MAX_BATCH_SIZE} deletions), {@code required}, {@code format} (a UUID) and
     * {@code not-in-future} (the phone's clock may run {@link MessageValidator#MAX_CLOCK_SKEW} ahead).
     */
    public static List<Violation> check(List<DeviceDeletion> deletions, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (deletions == null || deletions.isEmpty() || deletions.size() > MAX_BATCH_SIZE) {
            violations.add(new Violation("deletions", "size", "must hold 1 to " + MAX_BATCH_SIZE + " deletions"));
            if (deletions == null) {
                return violations;
            }
        }
        Instant latest = now.plus(MessageValidator.MAX_CLOCK_SKEW);
        for (int i = 0; i < deletions.size(); i++) {
            String path = "deletions[" + i + "]";
            DeviceDeletion deletion = deletions.get(i);
            if (deletion == null) {
                violations.add(new Violation(path, "required", "must be a deletion"));
                continue;
            }
            if (deletion.messageId() == null || deletion.messageId().isBlank()) {
                violations.add(new Violation(path + ".messageId", "required", "must be present and not blank"));
            } else if (!UUID.matcher(deletion.messageId()).matches()) {
                violations.add(new Violation(path + ".messageId", "format", "must be a UUID"));
            }
            if (deletion.deletedAt() == null) {
                violations.add(new Violation(path + ".deletedAt", "required", "must be present"));
            } else if (deletion.deletedAt().isAfter(latest)) {
                violations.add(new Violation(path + ".deletedAt", "not-in-future",
                        "must not be more than " + MessageValidator.MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
            }
        }
        return violations;
    }
}
