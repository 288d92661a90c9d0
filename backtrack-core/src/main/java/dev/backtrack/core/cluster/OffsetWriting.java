package dev.backtrack.core.cluster;

import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Moves a group's committed offsets: written directly (a group with no consumer connected) or reset through the
 * broker (a group with consumers connected). Each operation fails with a {@link dev.backtrack.core.RewindException}
 * naming the broker that refused or did not answer.
 *
 * <p>The methods over many queues do what the one-queue methods do for each queue; by default one after the other, on
 * a real cluster side by side.
 */
public interface OffsetWriting {

    /** Creates the subscription group on the broker when it does not exist there yet; leaves existing ones alone. */
    void ensureGroup(String brokerAddress, String group);

    /** Writes the group's committed offset for one queue on its broker. */
    void writeOffset(String brokerAddress, String group, MessageQueue queue, long offset);

    /**
     * Moves the group's queue through the broker: the broker hands the offset to the consumer at its next pull,
     * ignoring the consumer's commits until then.
     */
    void resetThroughBroker(String brokerAddress, String group, MessageQueue queue, long offset);

    /** Whether the broker resets offsets itself ({@value RocketMqAdmin#SERVER_SIDE_RESET}). */
    boolean resetsOnServerSide(String brokerAddress);

    /** {@link #writeOffset} for each queue to its offset. */
    default void writeOffsets(String group, Map<QueueAddress, Long> offsets) {
        offsets.forEach((q, offset) -> writeOffset(q.brokerAddress(), group, q.queue(), offset));
    }

    /** {@link #resetThroughBroker} for each queue to its offset. */
    default void resetThroughBrokers(String group, Map<QueueAddress, Long> offsets) {
        offsets.forEach((q, offset) -> resetThroughBroker(q.brokerAddress(), group, q.queue(), offset));
    }
}
