package dev.backtrack.core.cluster;

import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * Where a topic's messages are and where a group stands in them: its queues, their offset bounds, the offset of a
 * point in time, a message's store time, and a group's committed offset. Read only.
 *
 * <p>Every operation fails with a {@link dev.backtrack.core.RewindException} naming what could not be read where;
 * {@link #queues} fails with an {@link dev.backtrack.core.UnknownTopicException} for a topic the cluster does not know.
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
}
