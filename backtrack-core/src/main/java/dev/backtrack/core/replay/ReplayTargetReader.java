package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.ConsumerDetails;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.text.BadValues;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.filter.ExpressionType;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;

/**
 * Finds out how a group consumes a topic and whether a window can be replayed to it through its retry topic: only a
 * clustering push consumer that consumes concurrently and filters by tags reads its retry topic that way.
 */
public final class ReplayTargetReader {

    private final ConsumerDetails consumers;
    private final ClusterAdmin cluster;

    /**
     * A reader asking {@code consumers} how the group consumes, {@code cluster} whether an offline group exists and
     * which consumers of the group the configured RocketMQ proxies serve.
     */
    public ReplayTargetReader(ConsumerDetails consumers, ClusterAdmin cluster) {
        this.consumers = consumers;
        this.cluster = cluster;
    }

    /**
     * The group's filter for the topic: the live subscription when consumers are online ({@code given}'s
     * expression, if any, must agree with it), else {@code given}'s, which an offline group needs. Refuses groups that do not
     * read their retry topic as a concurrent clustering push consumer, and names that the cluster does not know.
     */
    public ReplayTarget read(String group, String topic, List<QueueAddress> queues, GivenTags tags) {
        String givenTags = tags.expression();
        TagFilter given = givenTags == null ? null : TagFilter.of(givenTags); // a wrong expression fails first
        requireNoProxiedConsumers(group);
        ConsumerConnection connection = consumers.consumerConnection(group);
        if (connection == null) {
            requireKnownGroup(group, topic, queues);
            if (given == null) {
                throw new InvalidRewindInputException("Group '" + group + "' has no consumer online, so its "
                        + "subscription of topic '" + topic + "' cannot be read: give " + tags.input() + " ('*' for every message, "
                        + "or the group's tag expression such as 'created || paid')");
            }
            return new ReplayTarget(given, false, tags.input());
        }
        requireConcurrentClusteringPush(group, connection);
        SubscriptionData subscription = connection.getSubscriptionTable().get(topic);
        if (subscription == null) {
            throw new InvalidRewindInputException("Group '" + group + "' is online but does not subscribe topic '"
                    + topic + "' (it subscribes " + connection.getSubscriptionTable().keySet().stream()
                            .filter(t -> !t.startsWith("%RETRY%")).sorted().toList() + ")");
        }
        if (subscription.getExpressionType() != null && !ExpressionType.TAG.equals(subscription.getExpressionType())) {
            throw new InvalidRewindInputException("Group '" + group + "' filters topic '" + topic + "' with a "
                    + subscription.getExpressionType() + " expression; window replay supports tag expressions only");
        }
        TagFilter live = TagFilter.of(subscription.getSubString() == null ? "*" : subscription.getSubString());
        if (given != null && givenTags != null && !given.equals(live)) {
            throw new InvalidRewindInputException("The tags " + BadValues.quote(givenTags) + " (" + tags.input()
                    + ") differ from the subscription of group '" + group + "' online ('" + live.expression()
                    + "'): leave " + tags.input() + " out or give the group's own expression");
        }
        for (Connection client : connection.getConnectionSet()) {
            requireNotOrderly(group, client.getClientId());
        }
        return new ReplayTarget(live, true, tags.input());
    }

    /**
     * How a redrive reaches the group: through its retry topic, like a window replay, so only a clustering push
     * consumer that consumes concurrently reads it; online when such consumers are connected. The target's tag filter
     * takes every message: the redrive's own selection decides, since dead letters come from every topic the group
     * read.
     */
    public ReplayTarget readForRedrive(String group, String input) {
        requireNoProxiedConsumers(group);
        ConsumerConnection connection = consumers.consumerConnection(group);
        if (connection == null) {
            return new ReplayTarget(TagFilter.of("*"), false, input);
        }
        requireConcurrentClusteringPush(group, connection);
        for (Connection client : connection.getConnectionSet()) {
            requireNotOrderly(group, client.getClientId());
        }
        return new ReplayTarget(TagFilter.of("*"), true, input);
    }

    /**
     * Refuses a group with consumers online through a RocketMQ proxy (gRPC clients): the proxy pops their topics for
     * them and never reads the group's retry topic, so nothing sent there would reach them.
     */
    private void requireNoProxiedConsumers(String group) {
        Map<String, String> proxied = cluster.proxyClients(group);
        if (!proxied.isEmpty()) {
            throw new UnsupportedGroupException("Group '" + group + "' has consumers online as gRPC clients "
                    + "(rocketmq-client-java) through " + ProxiedConsumersException.served(proxied) + ": the proxy "
                    + "pops their topics for them and never reads the group's retry topic " + MixAll.getRetryTopic(group)
                    + ", so window replay and redrive, which send through it, would reach none of them. Nothing was "
                    + "sent. Rewind the group instead (stop its gRPC consumers, backtrack rewind, start them again)");
        }
    }

    private void requireKnownGroup(String group, String topic, List<QueueAddress> queues) {
        for (QueueAddress queue : queues) {
            if (cluster.committedOffset(queue.brokerAddress(), group, queue.queue()) != null) {
                return;
            }
        }
        throw new InvalidRewindInputException("Group '" + group + "' is unknown on topic '" + topic + "': no "
                + "consumer of it is online and it has no committed offset on any queue of the topic (check the names)");
    }

    private static void requireConcurrentClusteringPush(String group, ConsumerConnection connection) {
        if (connection.getMessageModel() == MessageModel.BROADCASTING) {
            throw new UnsupportedGroupException("Group '" + group + "' consumes in broadcasting mode, which has no retry topic: "
                    + "window replay and redrive need a clustering consumer");
        }
        if (connection.getConsumeType() == ConsumeType.CONSUME_POP) {
            throw new UnsupportedGroupException("Group '" + group + "' is a pop consumer, whose retries go through RocketMQ 5 "
                    + "pop retry topics: window replay and redrive support push consumers only");
        }
        if (connection.getConsumeType() == ConsumeType.CONSUME_ACTIVELY) {
            throw new UnsupportedGroupException("Group '" + group + "' is a pull consumer, which does not read its retry "
                    + "topic: window replay and redrive support push consumers only");
        }
    }

    private void requireNotOrderly(String group, String clientId) {
        ConsumerRunningInfo info = consumers.runningInfo(group, clientId);
        if (Boolean.parseBoolean(info.getProperties().getProperty(ConsumerRunningInfo.PROP_CONSUME_ORDERLY))) {
            throw new UnsupportedGroupException("Group '" + group + "' consumes orderly (consumer " + clientId + "): replayed "
                    + "messages would arrive outside their queue's order, so window replay and redrive refuse it");
        }
    }
}
