package io.mdm.policy;

import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceTest {

    private static final Instant ENROLLED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant RETIRED = Instant.parse("2026-03-05T17:30:00Z");

    private static final Device FROM_ENROLLED = new Device("d1", "E1001", Ownership.BYOD, Platform.ANDROID,
            Device.Status.ACTIVE, ENROLLED, null);
    private static final Device FROM_UNENROLLED = new Device("d1", "E1001", Ownership.BYOD, null,
            Device.Status.RETIRED, null, RETIRED);

    @Test
    void retiredWinsAndMissingFactsAreFilledWhicheverAccountCameFirst() {
        Device expected = new Device("d1", "E1001", Ownership.BYOD, Platform.ANDROID, Device.Status.RETIRED, ENROLLED,
                RETIRED);

        assertEquals(expected, FROM_ENROLLED.combinedWith(FROM_UNENROLLED));
        assertEquals(expected, FROM_UNENROLLED.combinedWith(FROM_ENROLLED));
    }

    @Test
    void combiningAnAccountAgainChangesNothing() {
        Device combined = FROM_UNENROLLED.combinedWith(FROM_ENROLLED);

        assertEquals(combined, combined.combinedWith(FROM_ENROLLED));
        assertEquals(combined, combined.combinedWith(FROM_UNENROLLED));
        assertEquals(FROM_ENROLLED, FROM_ENROLLED.combinedWith(FROM_ENROLLED));
    }

    @Test
    void theEarliestTimesAreKept() {
        Device laterCopy = new Device("d1", "E1001", Ownership.BYOD, Platform.ANDROID, Device.Status.ACTIVE,
                ENROLLED.plusSeconds(60), null);

        assertEquals(ENROLLED, laterCopy.combinedWith(FROM_ENROLLED).enrolledAt());
        assertEquals(ENROLLED, FROM_ENROLLED.combinedWith(laterCopy).enrolledAt());
    }

    @Test
    void accountsOfTwoDevicesAreNotCombined() {
        Device other = new Device("d2", "E1001", Ownership.BYOD, Platform.ANDROID, Device.Status.ACTIVE, ENROLLED, null);

        assertThrows(IllegalArgumentException.class, () -> FROM_ENROLLED.combinedWith(other));
    }

    @Test
    void anActiveDeviceHasAPlatform() {
        assertThrows(IllegalArgumentException.class,
                () -> new Device("d1", "E1001", Ownership.BYOD, null, Device.Status.ACTIVE, ENROLLED, null));
    }

    @Test
    void onlyServerShapedIdsAreDeviceIds() {
        for (String id : List.of("0b6c5a4e-9f1d-4c61-a1f7-3f3b2e9d8c01", "directory-only-byod-android", "d1")) {
            assertTrue(Device.isWellFormedId(id), id);
        }
        for (String id : List.of("", " ", "../etc", "a b", "-leading-dash", "x".repeat(129))) {
            assertFalse(Device.isWellFormedId(id), id);
        }
        assertFalse(Device.isWellFormedId(null));
    }
}
