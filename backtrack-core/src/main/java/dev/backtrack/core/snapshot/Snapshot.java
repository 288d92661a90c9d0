package dev.backtrack.core.snapshot;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.position.QueueRef;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot as the journal keeps it: the SNAPSHOT entries of one batch, one per topic, each with the committed
 * offsets of the group's queues when it was taken.
 *
 * @param batch the batch id its entries share (the snapshot's id)
 * @param name the name a user gave it, or null
 * @param group the consumer group
 * @param actor who took it
 * @param takenAt when, epoch milliseconds
 * @param entries its entries, one per topic
 */
public record Snapshot(String batch, @Nullable String name, String group, String actor, long takenAt,
        List<JournalEntry> entries) {

    /** Copies {@code entries}. */
    public Snapshot {
        entries = List.copyOf(entries);
    }

    /** The snapshot of these entries of one batch (at least one). */
    static Snapshot of(List<JournalEntry> entries) {
        JournalEntry first = entries.get(0);
        String batch = first.batch() != null ? first.batch() : String.valueOf(first.id());
        return new Snapshot(batch, first.name(), first.group(), first.actor(), first.appliedAt(), entries);
    }

    /** How a user names it: its name, else its batch id. */
    public String label() {
        return name != null ? name : batch;
    }

    /** Its topics, in the order taken. */
    public List<String> topics() {
        return entries.stream().map(JournalEntry::topic).toList();
    }

    /** How many queues it keeps, over every topic. */
    public int queueCount() {
        return entries.stream().mapToInt(e -> e.queues().size()).sum();
    }

    /** The offsets kept on {@code entry}'s topic, by queue. */
    public static SortedMap<QueueRef, Long> offsets(JournalEntry entry) {
        return GroupOffsets.of(entry);
    }
}
