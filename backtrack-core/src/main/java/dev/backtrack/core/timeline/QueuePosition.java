package dev.backtrack.core.timeline;

import org.jspecify.annotations.Nullable;

/**
 * Where a group stands on one queue.
 *
 * @param broker broker name
 * @param queueId queue id on that broker
 * @param committedOffset the group's committed offset, or null when it has none
 * @param storeTime store time of the message at the committed offset (the next one the group consumes), or null when
 *     there is none (no committed offset, or the group has consumed everything)
 */
public record QueuePosition(String broker, int queueId, @Nullable Long committedOffset, @Nullable Long storeTime) {
}
