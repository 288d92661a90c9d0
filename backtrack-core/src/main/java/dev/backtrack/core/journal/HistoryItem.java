package dev.backtrack.core.journal;

import dev.backtrack.core.rewind.RewindPath;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A journal entry as history shows it: its fields, and the id of the UNDO entry that undid it.
 *
 * @param id the entry's id
 * @param kind what caused it
 * @param group consumer group
 * @param topic topic
 * @param requestedTime what was asked ({@link JournalEntry#requestedTime()})
 * @param timestamp the resolved instant, epoch ms; -1 for a position not by time
 * @param appliedAt when it was applied, epoch ms
 * @param actor who applied it
 * @param messagesToReplay messages made to be consumed again
 * @param queues per-queue moves
 * @param path how it was put into effect, or null
 * @param undoes for an UNDO, the id of the entry it undid; else null
 * @param undoneBy the id of the UNDO entry that undid this one, or null
 * @param run for a window replay or a redrive, its run and the run's state with this entry; else null
 * @param batch the id shared by the entries of one operation on several topics or groups (a snapshot, a restore, an
 *     import, a batch rewind); null for an entry on its own
 * @param name a snapshot's name; null otherwise
 */
public record HistoryItem(String id, JournalKind kind, String group, String topic, String requestedTime,
        long timestamp, long appliedAt, String actor, long messagesToReplay, List<QueueMove> queues,
        @Nullable RewindPath path, @Nullable String undoes, @Nullable String undoneBy, @Nullable SendRun run,
        @Nullable String batch, @Nullable String name) {

    /** The item of {@code entry}, undone by {@code undoneBy} (or null). */
    static HistoryItem of(JournalEntry entry, @Nullable String undoneBy) {
        return new HistoryItem(entry.id() == null ? "" : entry.id(), entry.kind(), entry.group(), entry.topic(),
                entry.requestedTime(), entry.timestamp(), entry.appliedAt(), entry.actor(), entry.messagesToReplay(),
                entry.queues(), entry.path(), entry.undoes(), undoneBy, entry.run(), entry.batch(), entry.name());
    }
}
