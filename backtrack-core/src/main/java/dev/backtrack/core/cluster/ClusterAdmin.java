package dev.backtrack.core.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.jspecify.annotations.Nullable;

/**
 * The operations on a RocketMQ cluster that planning, applying and checking a rewind need: queues and their offsets,
 * store times, consumers online, and writing or resetting committed offsets. {@link RocketMqAdmin} is the real one.
 *
 * <p>Every operation fails with a {@link dev.backtrack.core.RewindException} naming what could not be done where;
 * {@link #queues} fails with an {@link dev.backtrack.core.UnknownTopicException} for a topic the cluster does not know.
 */
public interface ClusterAdmin {

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

    /** The client ids of the group's connected consumers (empty for a group with none connected). */
    Set<String> onlineClients(String group);

    /**
     * How the group's connected consumers consume ({@code CLUSTERING} or {@code BROADCASTING}), as a broker of the
     * group reports it, or null when none is connected.
     */
    @Nullable MessageModel onlineMessageModel(String group);

    /**
     * The group's consumers that a RocketMQ proxy serves (gRPC clients), by client id, each with the proxy's remoting
     * address; empty when no proxy is configured or none serves the group. They are also in {@link #onlineClients}.
     */
    default Map<String, String> proxyClients(String group) {
        return Map.of();
    }

    /**
     * Whether a connected consumer of the group consumes in pop mode (RocketMQ 5: the broker assigns its queues and
     * keeps its pop offsets; its running info lists pop queues).
     */
    boolean popsOnline(String group);

    /** Whether any consumer of the group is connected to the cluster now. */
    default boolean isOnline(String group) {
        return !onlineClients(group).isEmpty();
    }

    /** The queues that the group's connected consumer {@code clientId} reports holding. */
    Set<MessageQueue> consumerQueues(String group, String clientId);

    /** The master address of every broker registered with the name server, by broker name. */
    Map<String, String> registeredMasters();

    /** Whether the broker at {@code brokerAddress} holds a configuration for the topic. */
    boolean holdsTopic(String brokerAddress, String topic);

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
}
