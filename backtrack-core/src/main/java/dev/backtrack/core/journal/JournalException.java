package dev.backtrack.core.journal;

import org.jspecify.annotations.Nullable;

/** The journal on the broker could not be read or written. */
public class JournalException extends RuntimeException {

    /** Creates the error. */
    public JournalException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
