package io.mdm.policy.grpc.client;

/**
 * The enrollment-service's device directory could not say whether a device exists: unreachable,
 * too slow, or an answer this service cannot read. Callers answer "try again later".
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryUnavailableException(String message) {
        super(message);
    }
}
