package dev.backtrack.core.positioning;

/** A group was positioned, but the journal did not take the record of it; the message says so and why. */
public class PositioningNotRecordedException extends RuntimeException {

    /** Creates the error. */
    public PositioningNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
