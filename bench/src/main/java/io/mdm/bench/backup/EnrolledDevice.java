package io.mdm.bench.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.bench.Endpoints;
import io.mdm.bench.JsonHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A phone enrolled through the public API as a person would (as in the e2e story):
 * alice invites the employee, the phone enrolls with the invitation and takes a device token,
 * and a policy for the benchmark's employee only makes {@value #APP} an approved messenger whose
 * backup is required, so the demo users' phones keep their own effective policies.
 *
 * @param accessToken the device token (valid for up to an hour, longer than a run)
 */
public record EnrolledDevice(String deviceId, String employeeId, String accessToken) {

    public static final String APP = "org.example.workchat";
    /**
     * The employee every run enrolls a new phone for (message ids are random UUIDs, so no run's
     * messages are duplicates of another's). Only this employee's phones get the benchmark's policy.
     */
    public static final String EMPLOYEE_ID = "bench-employee";
    /** The policy this benchmark publishes once; later runs find it and publish nothing. */
    static final String POLICY_NAME = "Benchmark: work chat backup";

    private static final Duration POLICY_WAIT = Duration.ofSeconds(60);
    private static final Duration POLL_PAUSE = Duration.ofMillis(500);

    /**
     * Enrolls a new BYOD phone for {@link #EMPLOYEE_ID}, publishes the benchmark's policy unless an
     * earlier run did, and waits until the policy-service knows the device and its effective
     * policy lets it back up {@link #APP}.
     */
    public static EnrolledDevice enroll(JsonHttp http, Endpoints endpoints) {
        String admin = http.userToken("alice");
        String invitation = http.post(endpoints.enrollment().resolve("invitations"), admin,
                Map.of("employeeId", EMPLOYEE_ID, "ownership", "BYOD"), 201).get("token").asText();
        int noticeVersion = http.get(endpoints.enrollment().resolve("privacy-notices/BYOD"), null, 200)
                .get("version").asInt();
        JsonNode enrolled = http.post(endpoints.enrollment().resolve("enrollments"), null, Map.of(
                "invitationToken", invitation, "platform", "ANDROID", "osVersion", "14", "model", "Benchmark",
                "agentVersion", "1", "acceptedNoticeVersion", noticeVersion, "consent", true), 201);
        String deviceId = enrolled.get("deviceId").asText();
        String deviceToken = http.postWithBasic(endpoints.enrollment().resolve("devices/" + encoded(deviceId) + "/token"),
                deviceId, enrolled.get("deviceSecret").asText(), 200).get("accessToken").asText();
        if (!policyPublished(http, endpoints, admin)) {
            http.post(endpoints.policy().resolve("policies"), admin, Map.of(
                    "name", POLICY_NAME,
                    "description", "Published by bench/run: the backup ingest benchmark's phones may back up "
                            + APP + ".",
                    "target", Map.of("ownership", List.of("BYOD"), "employeeIds", List.of(EMPLOYEE_ID)),
                    "settings", Map.of("messaging", Map.of("approvedApps", List.of(APP), "backupRequired", true,
                            "retentionDays", 365))), 201);
        }
        awaitBackupAllowed(http, endpoints, deviceId, deviceToken);
        return new EnrolledDevice(deviceId, EMPLOYEE_ID, deviceToken);
    }

    private static boolean policyPublished(JsonHttp http, Endpoints endpoints, String admin) {
        String cursor = null;
        do {
            JsonNode page = http.get(endpoints.policy().resolve("policies?status=ACTIVE&limit=500"
                    + (cursor == null ? "" : "&cursor=" + encoded(cursor))), admin, 200);
            for (JsonNode policy : page.path("items")) {
                if (POLICY_NAME.equals(policy.path("name").asText())) {
                    return true;
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return false;
    }

    /** The policy-service learns of the device from the enrollment-service's event, a moment after enrollment. */
    private static void awaitBackupAllowed(JsonHttp http, Endpoints endpoints, String deviceId, String deviceToken) {
        Instant deadline = Instant.now().plus(POLICY_WAIT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode messaging = http.get(endpoints.policy().resolve("devices/" + encoded(deviceId)
                        + "/effective-policy"), deviceToken, 200).path("settings").path("messaging");
                boolean approved = false;
                for (JsonNode app : messaging.path("approvedApps")) {
                    approved |= APP.equals(app.asText());
                }
                if (approved && messaging.path("backupRequired").asBoolean(false)) {
                    return;
                }
                last = "effective messaging settings " + messaging;
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            pause();
        }
        throw new IllegalStateException("the device's effective policy did not allow backing up " + APP + " within "
                + POLICY_WAIT.toSeconds() + " s (another active BYOD policy may approve other messengers only; "
                + "approvedApps lists are intersected): " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
