package dev.backtrack.core.journal;

import dev.backtrack.core.rewind.RewindPlan;
import java.util.List;

/**
 * One recorded change of a consumer group's position, as kept on the broker.
 *
 * @param kind what caused it
 * @param group the consumer group
 * @param topic the topic
 * @param requestedTime what was asked: the time as the user wrote it (e.g. {@code 20220117110148} or {@code -1h}), or
 *     the position by offset ({@code offset 5}, {@code shift -100}, {@code group of OTHER}), followed by
 *     {@code on broker-a/0,...} when limited to queues
 * @param timestamp the resolved instant, epoch milliseconds; -1 for a position not by time
 * @param appliedAt when it was applied, epoch milliseconds
 * @param actor who applied it (user name, or the application instance for start-up positioning)
 * @param messagesToReplay how many messages the change made to be consumed again
 * @param queues per-queue moves
 */
public record JournalEntry(JournalKind kind, String group, String topic, String requestedTime, long timestamp,
        long appliedAt, String actor, long messagesToReplay, List<QueueMove> queues) {

    /** The entry recording that {@code plan} was applied at {@code appliedAt} by {@code actor}. */
    public static JournalEntry of(JournalKind kind, RewindPlan plan, String requestedTime, long appliedAt, String actor) {
        return new JournalEntry(kind, plan.group(), plan.topic(), requestedTime, plan.requestedTimestamp(), appliedAt,
                actor, plan.messagesToReplay(), plan.queues().stream()
                        .map(q -> new QueueMove(q.broker(), q.queueId(), q.committedOffset(), q.targetOffset()))
                        .toList());
    }

    /** Whether this entry records the given (group, topic, requested time). */
    public boolean matches(JournalKind kind, String group, String topic, String requestedTime) {
        return this.kind == kind && this.group.equals(group) && this.topic.equals(topic)
                && this.requestedTime.equals(requestedTime);
    }
}
