package io.mdm.enrollment.persistence;

import io.mdm.enrollment.DefaultPrivacyNotices;
import io.mdm.enrollment.Ownership;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;

/**
 * On first start, publishes version 1 of each privacy notice. Several replicas starting at once
 * are fine: the version's unique id lets only one of them write it.
 */
@ApplicationScoped
public class PrivacyNoticeSeeder {

    void seed(@Observes StartupEvent start, PrivacyNoticeRepository notices, Clock clock) {
        for (Ownership ownership : Ownership.values()) {
            if (notices.current(ownership).isEmpty()) {
                notices.insert(DefaultPrivacyNotices.first(ownership, clock.instant()));
            }
        }
    }
}
