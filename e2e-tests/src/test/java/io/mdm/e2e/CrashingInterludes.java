package io.mdm.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The faults of the end-to-end test, each a real SIGKILL of a real process: the broker right
 * after the enrollment (the phone and the admins carry on through REST), the audit-service the
 * moment the broker is back and the events of the outage flow into it, the backup-service
 * between two reads. Also the one clean restart that moves the audit-service's clock.
 */
final class CrashingInterludes implements Interludes {

    private final Stack stack;
    private final List<String> happened = new ArrayList<>();

    CrashingInterludes(Stack stack) {
        this.stack = stack;
    }

    @Override
    public void afterEnrollment() {
        stack.kafka.kill();
        assertFalse(stack.kafka.isRunning());
        happened.add("kafka killed");
    }

    @Override
    public void afterPhoneSync() {
        stack.kafka.start();
        happened.add("kafka restarted");
        stack.audit.kill();
        assertFalse(stack.audit.isRunning());
        happened.add("audit-service killed");
    }

    @Override
    public void afterLegalHold() {
        stack.audit.start();
        happened.add("audit-service restarted");
    }

    @Override
    public void beforeReadingAgain() {
        stack.backup.kill();
        assertFalse(stack.backup.isRunning());
        happened.add("backup-service killed");
        stack.backup.start();
        happened.add("backup-service restarted");
    }

    @Override
    public void moveAuditClockForward(Duration by) {
        stack.audit.stop();
        stack.audit.startWith(Map.of("MDM_CLOCK_OFFSET", by.toString()));
        happened.add("audit-service clock moved " + by);
    }

    List<String> happened() {
        return List.copyOf(happened);
    }
}
