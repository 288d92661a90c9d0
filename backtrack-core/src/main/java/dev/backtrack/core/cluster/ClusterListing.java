package dev.backtrack.core.cluster;

import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;

/** What a cluster holds, listed by name: topics, consumer groups, cluster and broker names, a group's offsets. */
public interface ClusterListing {

    /** The name of every topic the name server knows, system topics included. */
    Set<String> topicNames();

    /** The consumer groups that the master brokers know (their subscription groups), system groups included. */
    Set<String> groupNames();

    /**
     * The consumer groups of {@code topic}, as the brokers that hold its queues know them: every group that holds
     * committed offsets on it or has a consumer online subscribed to it (system groups included).
     */
    Set<String> groupsConsuming(String topic);

    /** The cluster and broker names (RocketMQ keeps a topic of each name for its own use). */
    Set<String> clusterAndBrokerNames();

    /**
     * The group's committed and max offset per queue as every master broker reports them, on every topic where it
     * holds offsets (connected or not); empty when it holds none.
     */
    Map<MessageQueue, OffsetWrapper> consumeOffsets(String group);
}
