package dev.backtrack.core.operation;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import java.time.Instant;

/**
 * A window replay or a redrive refused because messages it would send were sent to the group before by the same
 * kind of operation. Nothing was sent.
 */
public class AlreadyReplayedException extends RewindException {

    /** Creates the refusal naming the earlier replay or redrive {@code before}; {@code againHint} says how to send once more. */
    public AlreadyReplayedException(String group, JournalEntry before, String againHint) {
        super(before.kind() == JournalKind.REDRIVE
                ? "Dead letters of this window were redriven to group " + group + " already (" + before.requestedTime()
                        + ", " + before.messagesToReplay() + " messages, at " + Instant.ofEpochMilli(before.appliedAt())
                        + " by " + before.actor() + unfinished(before) + "): " + againHint
                        + " to redrive them once more. Nothing was sent."
                : "Messages of this window were replayed to group " + group + " already (" + before.requestedTime()
                        + ", " + before.messagesToReplay() + " messages, at " + Instant.ofEpochMilli(before.appliedAt())
                        + " by " + before.actor() + unfinished(before) + "): " + againHint
                        + " to replay them once more. Nothing was replayed.");
    }

    /** For a run that did not finish: its id and state, and that it can be resumed or aborted. */
    private static String unfinished(JournalEntry before) {
        if (before.run() == null || !before.run().state().resumable()) {
            return "";
        }
        String id = before.run().id();
        return "; run " + id + " is " + before.run().state().name().toLowerCase(java.util.Locale.ROOT)
                + ", not finished: resume " + id + " sends what it left, abort " + id + " ends it";
    }
}
