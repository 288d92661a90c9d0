package dev.backtrack.core.cluster;

/**
 * The roles that planning, applying and checking a rewind need together: queues and their offsets, store times
 * ({@link QueuePositions}), consumers online ({@link ConsumersOnline}), writing or resetting committed offsets
 * ({@link OffsetWriting}), and which brokers hold a topic ({@link BrokerTopics}). {@link RocketMqAdmin} is the real
 * one; a part that needs fewer takes the narrower role.
 *
 * <p>Every operation fails with a {@link dev.backtrack.core.RewindException} naming what could not be done where;
 * {@link #queues} fails with an {@link dev.backtrack.core.UnknownTopicException} for a topic the cluster does not know.
 */
public interface ClusterAdmin extends QueuePositions, ConsumersOnline, OffsetWriting, BrokerTopics {
}
