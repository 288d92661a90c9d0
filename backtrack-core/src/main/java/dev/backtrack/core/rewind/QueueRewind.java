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
 * @param targetOffset where the group will start: by time, the first message stored at or after the requested time
 *     (maxOffset when there is none); otherwise the requested offset taken within [minOffset, maxOffset]
 * @param targetStoreTimestamp store time of the message at targetOffset, or null when targetOffset == maxOffset
 * @param messagesToReplay messages the group will consume again: committed - target when the target is behind the
 *     committed offset; with no committed offset, maxOffset - targetOffset (committed is taken within [min, max])
 * @param messagesToSkip messages the group will skip because the target is ahead of its committed offset
 * @param requestedOffset the offset asked for before clamping (an explicit offset, committed + shift, or the other
 *     group's offset), or null for a plan by time
 * @param clamped whether requestedOffset was outside [minOffset, maxOffset] and targetOffset is the nearest bound
 * @param otherGroupOffset for a plan that copies another group: that group's committed offset, else null
 */
public record QueueRewind(String broker, String brokerAddress, int queueId, long minOffset, long maxOffset,
        @Nullable Long committedOffset, long targetOffset, @Nullable Long targetStoreTimestamp, long messagesToReplay,
        long messagesToSkip, @Nullable Long requestedOffset, boolean clamped, @Nullable Long otherGroupOffset) {

    /** A queue's plan by time (nothing requested by offset, nothing clamped, no other group). */
    public QueueRewind(String broker, String brokerAddress, int queueId, long minOffset, long maxOffset,
            @Nullable Long committedOffset, long targetOffset, @Nullable Long targetStoreTimestamp,
            long messagesToReplay, long messagesToSkip) {
        this(broker, brokerAddress, queueId, minOffset, maxOffset, committedOffset, targetOffset, targetStoreTimestamp,
                messagesToReplay, messagesToSkip, null, false, null);
    }

    /** {@code broker/queueId}. */
    public String name() {
        return broker + "/" + queueId;
    }
}
