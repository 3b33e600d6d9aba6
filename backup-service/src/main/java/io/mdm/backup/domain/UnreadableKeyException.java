package io.mdm.backup.domain;

/**
 * A wrapped data key that does not decrypt: another key encryption key, another employee,
 * or altered bytes. Deliberately carries no cause and no detail, so nothing about the key
 * material can reach a log.
 */
public final class UnreadableKeyException extends RuntimeException {

    public UnreadableKeyException() {
        super("wrapped data key cannot be unwrapped", null, false, false);
    }
}
