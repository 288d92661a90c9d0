package dev.backtrack.core.rewind;

import org.jspecify.annotations.Nullable;

/**
 * Where a group stands on one queue.
 *
 * @param broker broker name
 * @param queueId queue id
 * @param committedOffset the group's committed offset, or null when it has none
 * @param minOffset smallest retained offset
 * @param maxOffset next offset to be written
 * @param lag messages not yet consumed (max - committed; max - min without a committed offset)
 * @param committedStoreTimestamp store time of the message at the committed offset, or null when there is none
 */
public record QueueOffsets(String broker, int queueId, @Nullable Long committedOffset, long minOffset, long maxOffset,
        long lag, @Nullable Long committedStoreTimestamp) {
}
