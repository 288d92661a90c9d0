package dev.backtrack.core.undo;

import dev.backtrack.core.journal.EntryRefusedException;

/** The entry cannot be undone: it was undone already, is not a rewind, or moved no queue that had an offset. */
public class UndoRefusedException extends EntryRefusedException {

    /** Creates the error. */
    public UndoRefusedException(String message) {
        super(message);
    }
}
