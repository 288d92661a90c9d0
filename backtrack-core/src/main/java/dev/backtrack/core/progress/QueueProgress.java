package dev.backtrack.core.progress;

import org.jspecify.annotations.Nullable;

/**
 * One queue's replay.
 *
 * @param broker broker name
 * @param queueId queue id
 * @param rewoundTo where the rewind put the group
 * @param catchUpAt the committed offset the rewind replaced: replay is over on the queue once the group is back there
 * @param committedOffset the group's committed offset now, or null when it has none
 * @param replayed messages consumed again so far (0 to total)
 * @param total messages to consume again on the queue
 */
public record QueueProgress(String broker, int queueId, long rewoundTo, long catchUpAt,
        @Nullable Long committedOffset, long replayed, long total) {

    /** Whether the group has caught up on this queue. */
    public boolean done() {
        return replayed >= total;
    }
}
