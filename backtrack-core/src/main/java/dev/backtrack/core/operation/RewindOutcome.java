package dev.backtrack.core.operation;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.journal.JournalEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a rewind did.
 *
 * @param checked the plan and the brokers it reaches
 * @param applied how it was applied to the group's instances and the offsets read back; null for a dry run
 * @param entry the journal entry of the move (null for a dry run); see {@code recorded}
 * @param recorded whether the entry was written to the journal; when not, the offsets moved all the same and the
 *     warnings say why it was not
 * @param warnings what the user must know: e.g. the offsets moved but the record could not be written
 */
public record RewindOutcome(CheckedPlan checked, @Nullable FleetRewind applied, @Nullable JournalEntry entry,
        boolean recorded, List<String> warnings) {

    /** Copies {@code warnings}. */
    public RewindOutcome {
        warnings = List.copyOf(warnings);
    }

    /** Whether this was only a plan. */
    public boolean dryRun() {
        return applied == null;
    }

    /** Whether brokers that held queues of the topic were missing, so that their queues did not move. */
    public boolean partial() {
        return !checked.coverage().complete();
    }
}
