package io.mdm.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./mdm demo}: the story of PRODUCT.md against the stack {@code ./mdm up} started, told in
 * plain words. To show what happens fifteen days later it asks {@code ./mdm} to restart the
 * audit-service with its clock that far ahead (the offset only ever grows, see ClockProducer).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        Path mdm = Path.of(args.length > 0 ? args[0] : "mdm").toAbsolutePath();
        System.out.println("""
                The MDM platform, told as a story. Every step below is a real call to the running platform
                (./mdm up), with real Keycloak tokens for each person and a real device token for erin's phone.
                People: alice (IT admin), erin (employee E1001, her own phone), carol (compliance officer),
                carla (compliance and privacy officer), paul and pia (privacy officers), sam (security analyst),
                ed (another employee).""");
        try {
            Story.Outcome outcome = new Story(Endpoints.local(), by -> moveAuditClock(mdm, by), System.out).tell();
            System.out.printf("%nThe end. Device %s, grant %s. Every step above is in the audit log, which sam can verify "
                    + "at any time (GET /api/v1/audit/verify) and which is streamed on Kafka topic mdm.audit.v1.%n",
                    outcome.deviceId(), outcome.grantId());
        } catch (StoryFailure e) {
            System.err.println("\nThe platform did not answer as the story expects: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void moveAuditClock(Path mdm, Duration by) {
        System.out.printf("%n   ... fifteen days pass: ./mdm restarts the audit-service with its clock %d days ahead ...%n",
                by.toDays());
        try {
            Process restart = new ProcessBuilder(List.of(mdm.toString(), "audit-clock-forward", Long.toString(by.toDays())))
                    .inheritIO().start();
            if (restart.waitFor() != 0) {
                throw new StoryFailure("./mdm audit-clock-forward failed with exit code " + restart.exitValue());
            }
        } catch (IOException e) {
            throw new StoryFailure("could not run " + mdm + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoryFailure("interrupted while the audit-service restarted");
        }
    }
}
