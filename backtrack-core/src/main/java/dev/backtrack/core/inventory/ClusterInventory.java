package dev.backtrack.core.inventory;

import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.ClusterListing;
import dev.backtrack.core.cluster.ConsumerDetails;
import dev.backtrack.core.cluster.OffsetRange;
import dev.backtrack.core.cluster.QueuePositions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;

/** Lists a cluster's application topics and consumer groups (RocketMQ's and Backtrack's own left out). */
public class ClusterInventory {

    private final ClusterListing listing;
    private final QueuePositions offsets;
    private final ConsumerDetails consumers;
    private final Set<String> ownTopics;

    /**
     * Reads through {@code cluster}: names and group offsets from its listing, queues and their offsets, connected
     * consumers; {@code ownTopics} are Backtrack's topics under names of their own (a configured journal or control
     * topic), left out like RocketMQ's.
     */
    public <C extends ClusterListing & QueuePositions & ConsumerDetails> ClusterInventory(C cluster,
            Set<String> ownTopics) {
        this.listing = cluster;
        this.offsets = cluster;
        this.consumers = cluster;
        this.ownTopics = Set.copyOf(ownTopics);
    }

    /** The application topics by name, with their queues, brokers and retained messages. */
    public List<TopicSummary> topics() {
        Set<String> reserved = listing.clusterAndBrokerNames();
        List<TopicSummary> topics = new ArrayList<>();
        for (String topic : listing.topicNames()) {
            if (SystemNames.isSystemTopic(topic, reserved) || ownTopics.contains(topic)) {
                continue;
            }
            List<QueueAddress> queues;
            try {
                queues = offsets.queues(topic);
            } catch (UnknownTopicException e) {
                continue; // deleted since it was listed
            }
            long messages = 0;
            Set<String> brokers = new TreeSet<>();
            for (QueueAddress queue : queues) {
                brokers.add(queue.queue().getBrokerName());
            }
            for (OffsetRange range : offsets.offsetRanges(queues).values()) {
                messages += range.max() - range.min();
            }
            topics.add(new TopicSummary(topic, queues.size(), List.copyOf(brokers), messages));
        }
        return topics;
    }

    /** The application consumer groups by name, with their topics, connected consumers, offsets and lag. */
    public List<GroupSummary> groups() {
        List<GroupSummary> groups = new ArrayList<>();
        for (String group : listing.groupNames()) {
            if (!SystemNames.isSystemGroup(group)) {
                groups.add(group(group));
            }
        }
        return groups;
    }

    private GroupSummary group(String group) {
        Set<String> topics = new TreeSet<>();
        List<GroupSummary.Queue> queues = new ArrayList<>();
        long lag = 0;
        for (Map.Entry<MessageQueue, OffsetWrapper> entry : listing.consumeOffsets(group).entrySet()) {
            MessageQueue queue = entry.getKey();
            if (queue.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                continue;
            }
            long committed = entry.getValue().getConsumerOffset();
            long max = entry.getValue().getBrokerOffset();
            long queueLag = Math.max(0, max - Math.max(0, committed));
            topics.add(queue.getTopic());
            queues.add(new GroupSummary.Queue(queue.getTopic(), queue.getBrokerName(), queue.getQueueId(), committed,
                    max, queueLag));
            lag += queueLag;
        }
        queues.sort(Comparator.comparing(GroupSummary.Queue::topic).thenComparing(GroupSummary.Queue::broker)
                .thenComparingInt(GroupSummary.Queue::queueId));
        List<GroupSummary.Client> clients = new ArrayList<>();
        ConsumerConnection connection = consumers.consumerConnection(group);
        if (connection != null) {
            connection.getConnectionSet().forEach(c -> clients.add(new GroupSummary.Client(c.getClientId(),
                    c.getClientAddr())));
            for (SubscriptionData subscription : connection.getSubscriptionTable().values()) {
                if (!subscription.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                    topics.add(subscription.getTopic());
                }
            }
        }
        clients.sort(Comparator.comparing(GroupSummary.Client::clientId));
        return new GroupSummary(group, List.copyOf(topics), clients.size(), List.copyOf(clients), lag,
                List.copyOf(queues));
    }
}
