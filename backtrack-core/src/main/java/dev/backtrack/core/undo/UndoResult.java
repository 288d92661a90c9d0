package dev.backtrack.core.undo;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.journal.JournalEntry;
import java.util.List;

/**
 * An applied undo.
 *
 * @param undo what was planned
 * @param outcome how the queues were moved and read back (same as a rewind)
 * @param entry the UNDO entry (recorded unless {@code warnings} says it could not be)
 * @param warnings problems after the offsets moved (the record could not be written)
 */
public record UndoResult(UndoPlan undo, FleetRewind outcome, JournalEntry entry, List<String> warnings) {
}
