package dev.backtrack.core.rewind;

import org.jspecify.annotations.Nullable;

/**
 * The plan for one queue.
 *
 * @param broker broker name
 * @param brokerAddress broker address, host:port
 * @param queueId queue id on that broker
 * @param minOffset smallest retained offset
 * @param maxOffset next offset to be written
 * @param committedOffset the group's committed offset, or null when it has none
 * @param targetOffset the first message stored at or after the requested time (maxOffset when there is none)
 * @param targetStoreTimestamp store time of the message at targetOffset, or null when targetOffset == maxOffset
 * @param messagesToReplay messages the group will consume again: committed - target when the target is behind the
 *     committed offset; with no committed offset, maxOffset - targetOffset (committed is taken within [min, max])
 * @param messagesToSkip messages the group will skip because the target is ahead of its committed offset
 */
public record QueueRewind(String broker, String brokerAddress, int queueId, long minOffset, long maxOffset,
        @Nullable Long committedOffset, long targetOffset, @Nullable Long targetStoreTimestamp, long messagesToReplay,
        long messagesToSkip) {
}
