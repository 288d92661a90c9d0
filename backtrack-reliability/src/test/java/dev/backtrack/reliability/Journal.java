package dev.backtrack.reliability;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the Backtrack journal on the cluster says about a group. */
final class Journal {

    private Journal() {
    }

    /** The group's entries, oldest first. */
    static List<JournalEntry> entries(String nameServer, String group) {
        try (RewindJournal journal = new RewindJournal(nameServer, null, RewindJournal.DEFAULT_TOPIC)) {
            return journal.entries().stream().filter(e -> e.group().equals(group)).toList();
        }
    }

    /** Entries beyond the first for the same start-up positioning (kind, group, topic, requested time). */
    static int duplicatePositionings(List<JournalEntry> entries) {
        Map<String, Long> counts = entries.stream().filter(e -> e.kind() == JournalKind.STARTUP_POSITIONING)
                .map(e -> e.topic() + "|" + e.requestedTime())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return (int) counts.values().stream().mapToLong(c -> c - 1).sum();
    }

    /** Rewind entries of the group on the topic to the given time (as the CLI was given it). */
    static long rewinds(List<JournalEntry> entries, String topic, long timestamp) {
        return entries.stream().filter(e -> e.kind() == JournalKind.REWIND && e.topic().equals(topic)
                && e.timestamp() == timestamp).count();
    }
}
