package dev.backtrack.core.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change of a consumer group's position, as kept on the broker.
 *
 * @param id the entry's stable id (short, URL-safe); entries written before ids existed get one derived from where
 *     they are stored ({@link JournalIds#located}). Null only before an entry is read or created
 * @param kind what caused it
 * @param group the consumer group
 * @param topic the topic
 * @param requestedTime what was asked: the time as the user wrote it (e.g. {@code 20220117110148} or {@code -1h}), or
 *     the position by offset ({@code offset 5}, {@code shift -100}, {@code group of OTHER}), followed by
 *     {@code on broker-a/0,...} when limited to queues; {@code undo ID} for an undo
 * @param timestamp the resolved instant, epoch milliseconds; -1 for a position not by time
 * @param appliedAt when it was applied, epoch milliseconds
 * @param actor who applied it (user name, or the application instance for start-up positioning)
 * @param messagesToReplay how many messages the change made to be consumed again
 * @param queues per-queue moves
 * @param path how a rewind or undo was put into effect; null for start-up positioning, window replays and entries
 *     written before the path was recorded
 * @param undoes for an {@link JournalKind#UNDO} entry, the id of the entry it undid; null otherwise
 * @param run for a window replay or a redrive, its run and the run's state with this entry; null for other kinds and
 *     entries written before runs were recorded
 * @param batch the id shared by the entries of one operation on several groups or topics (a batch rewind, a snapshot
 *     of several topics), which {@code undo} and {@code restore} take as one; null for an entry on its own
 * @param name the name a user gave a {@link JournalKind#SNAPSHOT} (the same on each of its entries); null otherwise
 */
public record JournalEntry(@Nullable String id, JournalKind kind, String group, String topic, String requestedTime,
        long timestamp, long appliedAt, String actor, long messagesToReplay, List<QueueMove> queues,
        @Nullable RewindPath path, @Nullable String undoes, @Nullable SendRun run, @Nullable String batch,
        @Nullable String name) {

    /** The canonical form, also the one read from JSON (fields missing in older entries are null). */
    @JsonCreator
    public JournalEntry {
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /** An entry on its own (no batch, no name). */
    public JournalEntry(@Nullable String id, JournalKind kind, String group, String topic, String requestedTime,
            long timestamp, long appliedAt, String actor, long messagesToReplay, List<QueueMove> queues,
            @Nullable RewindPath path, @Nullable String undoes, @Nullable SendRun run) {
        this(id, kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay, queues, path,
                undoes, run, null, null);
    }

    /** An entry that is not part of a run. */
    public JournalEntry(@Nullable String id, JournalKind kind, String group, String topic, String requestedTime,
            long timestamp, long appliedAt, String actor, long messagesToReplay, List<QueueMove> queues,
            @Nullable RewindPath path, @Nullable String undoes) {
        this(id, kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay, queues, path,
                undoes, null);
    }

    /** A new entry with a fresh id, no path and nothing undone. */
    public JournalEntry(JournalKind kind, String group, String topic, String requestedTime, long timestamp,
            long appliedAt, String actor, long messagesToReplay, List<QueueMove> queues) {
        this(JournalIds.newId(), kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay,
                queues, null, null);
    }

    /** The entry recording that {@code plan} was applied at {@code appliedAt} by {@code actor}, with a fresh id. */
    public static JournalEntry of(JournalKind kind, RewindPlan plan, String requestedTime, long appliedAt, String actor) {
        return of(kind, plan, requestedTime, appliedAt, actor, null);
    }

    /** The entry recording that {@code plan} was applied through {@code path}, with a fresh id. */
    public static JournalEntry of(JournalKind kind, RewindPlan plan, String requestedTime, long appliedAt, String actor,
            @Nullable RewindPath path) {
        return new JournalEntry(JournalIds.newId(), kind, plan.group(), plan.topic(), requestedTime,
                plan.requestedTimestamp(), appliedAt, actor, plan.messagesToReplay(), plan.queues().stream()
                        .map(q -> new QueueMove(q.broker(), q.queueId(), q.committedOffset(), q.targetOffset()))
                        .toList(), path, null);
    }

    /** This entry with the given id. */
    public JournalEntry withId(String newId) {
        return new JournalEntry(newId, kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay,
                queues, path, undoes, run, batch, name);
    }

    /** This entry as part of {@code sendRun}. */
    public JournalEntry withRun(SendRun sendRun) {
        return new JournalEntry(id, kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay,
                queues, path, undoes, sendRun, batch, name);
    }

    /** This entry as one of the batch {@code batchId}. */
    public JournalEntry inBatch(String batchId) {
        return new JournalEntry(id, kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay,
                queues, path, undoes, run, batchId, name);
    }

    /** This entry under the name {@code givenName} (a snapshot's). */
    public JournalEntry named(String givenName) {
        return new JournalEntry(id, kind, group, topic, requestedTime, timestamp, appliedAt, actor, messagesToReplay,
                queues, path, undoes, run, batch, givenName);
    }

    /** This entry as the undo of the entry {@code undoneId}. */
    public JournalEntry undoing(String undoneId) {
        return new JournalEntry(id, JournalKind.UNDO, group, topic, requestedTime, timestamp, appliedAt, actor,
                messagesToReplay, queues, path, undoneId, null, batch, null);
    }

    /** Whether this entry records the given (group, topic, requested time). */
    public boolean matches(JournalKind kind, String group, String topic, String requestedTime) {
        return this.kind == kind && this.group.equals(group) && this.topic.equals(topic)
                && this.requestedTime.equals(requestedTime);
    }
}
