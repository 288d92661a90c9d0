package dev.backtrack.core.undo;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;

/** No journal entry has the id given. */
public class UnknownJournalEntryException extends InvalidRewindInputException {

    /** Creates the error {@code message} for the id {@code id} (e.g. of a run, which resume and abort take). */
    public UnknownJournalEntryException(String id, String message) {
        super(message);
    }

    /** Creates the error naming the id. */
    public UnknownJournalEntryException(String id) {
        super("No journal entry has id " + BadValues.quote(id) + "; see backtrack history (or GET "
                + "/actuator/backtrack/history) for the ids");
    }
}
