package dev.backtrack.core.undo;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.List;

/**
 * How a recorded rewind will be undone.
 *
 * @param undone the REWIND entry to undo
 * @param plan the rewind that puts its queues back at the offsets it replaced
 * @param notes what the operator must know: queues that had no committed offset before the rewind (left where they
 *     are), later rewinds of the group whose effect the undo replaces, and the plan's own notes (clamped offsets)
 */
public record UndoPlan(JournalEntry undone, RewindPlan plan, List<String> notes) {

    /** The journal's "requested" text of the undo: {@code undo ID}. */
    public String requested() {
        return "undo " + undone.id();
    }
}
