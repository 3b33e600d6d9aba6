package io.mdm.backup.domain;

/**
 * A sealed message that does not decrypt with the key, employee and message id it was opened
 * with, or whose clear fields were altered. Deliberately carries no cause and no detail, so
 * nothing of the content or the key can reach a log or an error response.
 */
public final class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException() {
        super("sealed message cannot be opened", null, false, false);
    }
}
