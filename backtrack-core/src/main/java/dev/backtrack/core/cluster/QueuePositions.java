package dev.backtrack.core.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * Where a topic's messages are and where a group stands in them: its queues, their offset bounds, the offset of a
 * point in time, a message's store time, and a group's committed offset. Read only.
 *
 * <p>Every operation fails with a {@link dev.backtrack.core.RewindException} naming what could not be read where;
 * {@link #queues} fails with an {@link dev.backtrack.core.UnknownTopicException} for a topic the cluster does not know.
 *
 * <p>The methods over many queues answer what the one-queue methods answer for each queue; by default they ask queue
 * by queue, one after the other. A real cluster answers them with a request per broker for every queue at once where
 * RocketMQ has one, and sends the others side by side.
 */
public interface QueuePositions {

    /** Every readable queue of the topic on every broker in its route, by broker then queue id. */
    List<QueueAddress> queues(String topic);

    /** The queue's smallest retained offset. */
    long minOffset(String brokerAddress, MessageQueue queue);

    /** The queue's next offset to be written. */
    long maxOffset(String brokerAddress, MessageQueue queue);

    /** The group's committed offset for the queue on the broker, or null when it has none. */
    @Nullable Long committedOffset(String brokerAddress, String group, MessageQueue queue);

    /**
     * The offset of the first message stored at or after {@code timestamp}, clamped to [min, max]: max when every
     * message is older, min when every one is newer.
     */
    long searchOffset(String brokerAddress, MessageQueue queue, long timestamp);

    /** The store time of the message at {@code offset} of the queue on the broker, or null when there is none. */
    @Nullable Long storeTimestampAt(String brokerAddress, MessageQueue queue, long offset);

    /** The offset bounds of each of the queues, by queue. */
    default Map<MessageQueue, OffsetRange> offsetRanges(List<QueueAddress> queues) {
        Map<MessageQueue, OffsetRange> ranges = new LinkedHashMap<>();
        for (QueueAddress q : queues) {
            ranges.put(q.queue(), new OffsetRange(minOffset(q.brokerAddress(), q.queue()),
                    maxOffset(q.brokerAddress(), q.queue())));
        }
        return ranges;
    }

    /** The group's committed offset on each of the queues that has one, by queue; a queue without one is absent. */
    default Map<MessageQueue, Long> committedOffsets(String group, List<QueueAddress> queues) {
        Map<MessageQueue, Long> offsets = new LinkedHashMap<>();
        for (QueueAddress q : queues) {
            Long offset = committedOffset(q.brokerAddress(), group, q.queue());
            if (offset != null) {
                offsets.put(q.queue(), offset);
            }
        }
        return offsets;
    }

    /** {@link #searchOffset} for each of the queues, by queue. */
    default Map<MessageQueue, Long> searchOffsets(List<QueueAddress> queues, long timestamp) {
        Map<MessageQueue, Long> offsets = new LinkedHashMap<>();
        queues.forEach(q -> offsets.put(q.queue(), searchOffset(q.brokerAddress(), q.queue(), timestamp)));
        return offsets;
    }

    /**
     * The store time of the message at the given offset of each queue, by queue; a queue with no message there is
     * absent.
     */
    default Map<MessageQueue, Long> storeTimestampsAt(Map<QueueAddress, Long> offsets) {
        Map<MessageQueue, Long> times = new LinkedHashMap<>();
        offsets.forEach((q, offset) -> {
            Long time = storeTimestampAt(q.brokerAddress(), q.queue(), offset);
            if (time != null) {
                times.put(q.queue(), time);
            }
        });
        return times;
    }
}
