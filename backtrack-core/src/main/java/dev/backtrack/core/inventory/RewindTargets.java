package dev.backtrack.core.inventory;

import dev.backtrack.core.cluster.ClusterListing;
import dev.backtrack.core.cluster.ConsumerDetails;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;

/**
 * Finds what a batch rewind covers: the consumer groups of a topic, or the topics of a group, as the cluster knows
 * them now. RocketMQ's and Backtrack's own groups and topics, retry ({@code %RETRY%}) and dead-letter ({@code %DLQ%})
 * topics are left out. Read only.
 */
public final class RewindTargets {

    private final ClusterListing listing;
    private final ConsumerDetails consumers;

    /** Reads through {@code cluster}: its groups and their offsets, and its connected consumers' subscriptions. */
    public <C extends ClusterListing & ConsumerDetails> RewindTargets(C cluster) {
        this.listing = cluster;
        this.consumers = cluster;
    }

    /**
     * The groups of {@code topic}, by name: every application group that holds committed offsets on the topic or has
     * a consumer online subscribed to it.
     */
    public List<String> groupsOf(String topic) {
        Set<String> groups = new TreeSet<>(listing.groupsConsuming(topic));
        groups.removeIf(SystemNames::isSystemGroup);
        return List.copyOf(groups);
    }

    /**
     * The topics of {@code group}, by name: every application topic it holds committed offsets on or that a consumer
     * of it online subscribes to.
     */
    public List<String> topicsOf(String group) {
        Set<String> topics = anyTopicOf(group);
        Set<String> reserved = listing.clusterAndBrokerNames();
        topics.removeIf(topic -> SystemNames.isSystemTopic(topic, reserved));
        return List.copyOf(topics);
    }

    /** Every topic the group holds offsets on or is subscribed to online, system, retry and dead-letter ones too. */
    private Set<String> anyTopicOf(String group) {
        Set<String> topics = new TreeSet<>();
        for (MessageQueue queue : listing.consumeOffsets(group).keySet()) {
            topics.add(queue.getTopic());
        }
        ConsumerConnection connection = consumers.consumerConnection(group);
        if (connection != null) {
            for (SubscriptionData subscription : connection.getSubscriptionTable().values()) {
                topics.add(subscription.getTopic());
            }
        }
        return topics;
    }
}
