package dev.backtrack.core.timeline;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The journal's position changes of a topic (of one group, when given) applied within a time range. */
public final class TimelineRewinds {

    private TimelineRewinds() {
    }

    /**
     * The entries of {@code topic} (and of {@code group} when not null) applied in [from, until), except window
     * replays, redrives, snapshots and exports (they move no offset), oldest first.
     */
    public static List<JournalEntry> inRange(List<JournalEntry> entries, String topic, @Nullable String group,
            long from, long until) {
        return entries.stream()
                .filter(e -> e.kind() != JournalKind.WINDOW_REPLAY && e.kind() != JournalKind.REDRIVE
                        && e.kind() != JournalKind.SNAPSHOT && e.kind() != JournalKind.EXPORT)
                .filter(e -> e.topic().equals(topic) && (group == null || e.group().equals(group)))
                .filter(e -> e.appliedAt() >= from && e.appliedAt() < until)
                .sorted(Comparator.comparingLong(JournalEntry::appliedAt))
                .toList();
    }
}
