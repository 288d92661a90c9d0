package dev.backtrack.console.rewind;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.journal.JournalEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rewind the console applied.
 *
 * @param outcome how it was applied to the group's instances, and the offsets read back
 * @param entry the journal entry written, or null when it could not be written (see warnings)
 * @param warnings what the operator must know (e.g. the record could not be written; the offsets moved all the same)
 */
public record ConsoleRewind(FleetRewind outcome, @Nullable JournalEntry entry, List<String> warnings) {
}
