package dev.backtrack.core.snapshot;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.operation.ClusterSession;
import java.util.ArrayList;
import java.util.List;

/** Records the entries of one batch in the journal, one after the other. */
final class RecordedBatch {

    private RecordedBatch() {
    }

    /**
     * Appends every entry and returns them as recorded; when one cannot be written, fails with a
     * {@link JournalException} naming {@code what} and the topics that were recorded before it, if any.
     */
    static List<JournalEntry> record(ClusterSession session, List<JournalEntry> entries, String what) {
        List<JournalEntry> recorded = new ArrayList<>();
        for (JournalEntry entry : entries) {
            try {
                recorded.add(session.record(entry));
            } catch (RuntimeException e) {
                throw new JournalException("The " + what + " could not be recorded on topic " + entry.topic()
                        + (recorded.isEmpty() ? "" : " (recorded on " + String.join(", ",
                                recorded.stream().map(JournalEntry::topic).toList()) + " only)")
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(recorded);
    }
}
