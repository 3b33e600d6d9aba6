package io.mdm.policy.messaging;

/**
 * An event of a type this service consumes that it cannot read. Its message names what is wrong,
 * never a value of the event.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
