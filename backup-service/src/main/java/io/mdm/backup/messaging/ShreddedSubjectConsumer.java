package io.mdm.backup.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Makes this replica forget the cached data key of an employee whose key another replica
 * destroyed ({@code mdm.backup.subject-shredded} on {@code mdm.backup.v1}); without it, the
 * cached copy would keep opening what was shredded.
 *
 * <p>As with policies, every replica must see every shredding: the consumer group is unique per
 * process and commits nothing, and it reads the topic from its start, so that a shredding
 * announced while this replica was starting, after it had loaded the key, is seen too. Forgetting
 * a key that is not cached, or again, is harmless.
 */
@ApplicationScoped
public class ShreddedSubjectConsumer {

    static final String CHANNEL = "backup-events";

    private final EmployeeKeyring keyring;
    private final ObjectMapper json;

    public ShreddedSubjectConsumer(EmployeeKeyring keyring, ObjectMapper json) {
        this.keyring = keyring;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public void onBackupEvent(String value) {
        IncomingEvent.parse(json, value)
                .filter(event -> event.type().equals(EventTypes.BACKUP_SUBJECT_SHREDDED))
                .map(event -> event.data().path("employeeId").asText(""))
                .filter(employeeId -> !employeeId.isEmpty())
                .ifPresent(keyring::forget);
    }
}
