package dev.backtrack.core.operation;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.journal.JournalEntry;
import java.time.Instant;

/** A window replay refused because messages of the window were replayed to the group before. Nothing was replayed. */
public class AlreadyReplayedException extends RewindException {

    /** Creates the refusal naming the earlier replay {@code before}; {@code againHint} says how to replay once more. */
    public AlreadyReplayedException(String group, JournalEntry before, String againHint) {
        super("Messages of this window were replayed to group " + group + " already (" + before.requestedTime() + ", "
                + before.messagesToReplay() + " messages, at " + Instant.ofEpochMilli(before.appliedAt()) + " by "
                + before.actor() + "): " + againHint + " to replay them once more. Nothing was replayed.");
    }
}
