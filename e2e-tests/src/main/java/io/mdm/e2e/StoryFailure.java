package io.mdm.e2e;

/** The platform answered something the story does not allow; the message says what and where. */
public final class StoryFailure extends AssertionError {

    StoryFailure(String message) {
        super(message);
    }
}
