package dev.backtrack.console.api;

import dev.backtrack.core.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

/** How journal entries appear in the API. */
final class JournalViews {

    private JournalViews() {
    }

    /** A rewind marked on the timeline. */
    record RewindMark(@Nullable String id, long appliedAt, long timestamp, String actor, String kind) {
    }

    /** A row of the history. */
    record HistoryRow(@Nullable String id, String kind, String group, String topic, String requested,
            long timestamp, long appliedAt, String actor, long messagesToReplay, @Nullable String path,
            @Nullable String undoneBy, @Nullable String undoes) {
    }

    static RewindMark mark(JournalEntry entry) {
        return new RewindMark(entry.id(), entry.appliedAt(), entry.timestamp(), entry.actor(), entry.kind().name());
    }

    static HistoryRow row(JournalEntry entry, @Nullable String undoneBy) {
        return new HistoryRow(entry.id(), entry.kind().name(), entry.group(), entry.topic(), entry.requestedTime(),
                entry.timestamp(), entry.appliedAt(), entry.actor(), entry.messagesToReplay(),
                entry.path() == null ? null : entry.path().name(), undoneBy, entry.undoes());
    }
}
