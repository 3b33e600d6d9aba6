package io.mdm.backup.shredding;

import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.backup.domain.ShreddingDecision;
import io.mdm.backup.persistence.LegalHoldRepository;
import io.mdm.backup.persistence.ShreddedSubjectRepository;
import io.mdm.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Destroys an employee's data key, so that every message sealed under it can never be opened again
 * (crypto-shredding), unless a legal hold is active.
 *
 * <p>The employee's next upload, if any, creates a new key for the new messages. That key cannot
 * open anything sealed before: each message is sealed with AES-GCM under the key of its time, and
 * the old key no longer exists anywhere. What was shredded stays unreadable; it is removed by
 * retention like any other message.
 *
 * <p>Other replicas drop their cached copy of the key when they read the {@code subject-shredded}
 * event ({@link io.mdm.backup.messaging.ShreddedSubjectConsumer}).
 */
@ApplicationScoped
public class CryptoShredding {

    private final LegalHoldRepository holds;
    private final EmployeeKeyring keyring;
    private final ShreddedSubjectRepository shreddedSubjects;
    private final Clock clock;

    public CryptoShredding(LegalHoldRepository holds, EmployeeKeyring keyring,
                           ShreddedSubjectRepository shreddedSubjects, Clock clock) {
        this.holds = holds;
        this.keyring = keyring;
        this.shreddedSubjects = shreddedSubjects;
        this.clock = clock;
    }

    /**
     * Shreds the employee's key and records who did it and why; repeating it is harmless.
     *
     * @return when the key was destroyed
     * @throws ProblemException 409 while a legal hold names the employee
     */
    public Instant shred(String employeeId, String by, String reason) {
        ShreddingDecision decision = keyring.shred(employeeId, holds.isUnderActiveHold(employeeId));
        if (decision == ShreddingDecision.REFUSED_UNDER_HOLD) {
            throw ProblemException.conflict("An active legal hold names this employee; nothing of theirs is "
                    + "shredded until every hold on them is released.");
        }
        // After the key: should this write fail, the key is gone anyway and a repeated request records it.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        shreddedSubjects.record(employeeId, by, reason, at);
        return at;
    }
}
