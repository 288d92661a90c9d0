package dev.backtrack.core.positioning;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindPlan;
import org.jspecify.annotations.Nullable;

/**
 * What positioning a consumer group at start-up did.
 *
 * @param action what was done
 * @param plan the plan that was computed (null when nothing was planned)
 * @param applied the applied and verified rewind (null unless {@code action} is APPLIED)
 * @param earlier the journal entry that made this a repeat (null unless ALREADY_APPLIED)
 */
public record PositioningOutcome(Action action, @Nullable RewindPlan plan, @Nullable AppliedRewind applied,
        @Nullable JournalEntry earlier) {

    /** What positioning did. */
    public enum Action {
        /** The group was moved to the plan's offsets. */
        APPLIED,
        /** The same (group, topic, time) had been applied before; the group resumes from its stored offsets. */
        ALREADY_APPLIED,
        /** NATIVE mode and the group already has stored offsets on the topic. */
        HAS_OFFSETS
    }
}
