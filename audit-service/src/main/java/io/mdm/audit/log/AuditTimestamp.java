package io.mdm.audit.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The one textual form of a time in the audit log (records and checkpoints):
 * RFC 3339 in UTC with exactly millisecond precision, {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}.
 * Millisecond precision is what MongoDB dates store, so a truncated instant round-trips
 * through storage and its canonical bytes never change.
 */
public final class AuditTimestamp {

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AuditTimestamp() {
    }

    /**
     * Truncates to whole milliseconds; rejects instants outside the four-digit years RFC 3339 allows.
     */
    public static Instant truncate(Instant time) {
        Objects.requireNonNull(time, "time");
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException("time outside the years 0000-9999: " + time);
        }
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Formats as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} after truncating to milliseconds. */
    public static String format(Instant time) {
        return FORMAT.format(truncate(time));
    }
}
