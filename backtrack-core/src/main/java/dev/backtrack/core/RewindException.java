package dev.backtrack.core;

/** A rewind could not be planned or applied; the message says what was wrong and what is accepted. */
public class RewindException extends RuntimeException {

    /** Creates the error. */
    public RewindException(String message) {
        super(message);
    }

    /** Creates the error with its cause. */
    public RewindException(String message, Throwable cause) {
        super(message, cause);
    }
}
