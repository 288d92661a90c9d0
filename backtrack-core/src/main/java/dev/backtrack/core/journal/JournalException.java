package dev.backtrack.core.journal;

/** The journal on the broker could not be read or written. */
public class JournalException extends RuntimeException {

    /** Creates the error. */
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
