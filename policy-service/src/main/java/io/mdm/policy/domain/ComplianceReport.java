package io.mdm.policy.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a phone reports about itself. Only work-profile facts: the apps listed are the apps in the
 * work profile, never the personal ones.
 *
 * @param passcodeLength null when the platform does not reveal it
 * @param workApps app ids installed in the work profile; null is read as none
 */
public record ComplianceReport(
        String osVersion,
        Platform platform,
        boolean passcodeSet,
        Integer passcodeLength,
        boolean encrypted,
        List<String> workApps,
        Instant reportedAt) {

    public ComplianceReport {
        workApps = workApps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(workApps));
    }
}
