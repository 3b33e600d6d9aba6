package io.mdm.backup;

import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a device's effective policy says about backing up chats: which messengers are approved,
 * whether their backup is required, and how long a backed-up message is kept.
 *
 * <p>Only messages of an approved messenger whose backup the policy requires are archived; the
 * backup-service never collects chats that no policy asks for (principle 1). An empty
 * {@code approvedApps} approves nothing.
 *
 * @param retentionDays days a message is kept after it was sent, at least 1; {@code null} when the
 *                      policy sets no retention period, which permits no backup either, since a
 *                      message must never be kept without an end
 */
public record MessagingPolicy(Set<String> approvedApps, boolean backupRequired, Integer retentionDays) {

    /** The answer for a device no policy speaks about: nothing is backed up. */
    public static final MessagingPolicy NO_BACKUP = new MessagingPolicy(Set.of(), false, null);

    public MessagingPolicy {
        approvedApps = Set.copyOf(Objects.requireNonNull(approvedApps, "approvedApps"));
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1");
        }
    }

    /** True when messages of {@code app} are to be backed up. */
    public boolean requiresBackupOf(String app) {
        return backupRequired && approvedApps.contains(app);
    }

    /**
     * Every message this policy does not let the backup take, as {@code messages[i].app}; when all
     * apps are fine but the policy sets no retention period, one violation of {@code messages}.
     * Empty when the whole batch may be archived.
     */
    public List<Violation> check(List<ChatMessage> messages) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!requiresBackupOf(messages.get(i).app())) {
                violations.add(new Violation("messages[" + i + "].app", "not-approved",
                        "is not an approved messenger whose backup this device's effective policy requires"));
            }
        }
        if (violations.isEmpty() && retentionDays == null) {
            violations.add(new Violation("messages", "no-retention-period",
                    "this device's effective policy sets no retention period, so no message can be kept"));
        }
        return violations;
    }
}
