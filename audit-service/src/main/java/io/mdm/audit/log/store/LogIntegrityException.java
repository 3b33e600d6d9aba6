package io.mdm.audit.log.store;

/**
 * Storage does not hold the log the head describes (a record is missing or unreadable), which
 * only a change outside the service can cause; {@code GET /audit/verify} says where.
 */
public class LogIntegrityException extends RuntimeException {

    private final long seq;

    public LogIntegrityException(long seq, String message) {
        super(message);
        this.seq = seq;
    }

    /** The first seq at which the stored log breaks. */
    public long seq() {
        return seq;
    }
}
