package dev.backtrack.core.journal;

import dev.backtrack.core.RewindException;

/**
 * The journal entry named cannot serve the operation asked (it is not a rewind, was undone already, or moved
 * nothing); the message says why and what to do.
 */
public class EntryRefusedException extends RewindException {

    /** Creates the refusal. */
    public EntryRefusedException(String message) {
        super(message);
    }
}
