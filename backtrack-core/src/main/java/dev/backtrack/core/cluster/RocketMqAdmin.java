package dev.backtrack.core.cluster;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.exception.OffsetNotFoundException;
import org.apache.rocketmq.client.impl.CommunicationMode;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.consumer.PullResultExt;
import org.apache.rocketmq.common.BoundaryType;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.filter.ExpressionType;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.sysflag.PullSysFlag;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.header.PullMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.jspecify.annotations.Nullable;

/**
 * One connection to a RocketMQ cluster for reading and moving consumer offsets; the project's admin client.
 *
 * <p>It plays every role a part of Backtrack needs ({@link QueuePositions}, {@link ConsumersOnline},
 * {@link OffsetWriting}, {@link BrokerTopics}, {@link MessageReading}, {@link ConsumerDetails},
 * {@link ClusterListing}, {@link TopicAdministration}); each part takes the role it uses, so that it can be tested on
 * a fake cluster. Only what opens clients of its own (producers, pull consumers) takes this class, for its
 * {@link #settings()}.
 *
 * <p>Nothing is sent when it is created: a name server that does not answer fails the first call, within the
 * settings' timeout, with an error naming the address ({@link #requireReachable()} checks at once).
 */
public class RocketMqAdmin implements ClusterAdmin, MessageReading, ConsumerDetails, ClusterListing,
        TopicAdministration, AutoCloseable {

    /** The broker setting that makes a broker-driven reset exact per queue (RocketMQ 5.x, on by default). */
    public static final String SERVER_SIDE_RESET = "useServerSideResetOffset";

    /** How many brokers are asked side by side for requests that cover every queue of a topic on the broker. */
    private static final int BROKER_THREADS = 8;
    /** How many per-queue requests are in flight at once. */
    private static final int QUEUE_THREADS = 32;

    private final AdminSettings settings;
    private final DefaultMQAdminExt admin;
    private final ProxyConsumers proxyConsumers;

    /** Starts an admin client for the cluster described by {@code settings}. */
    public RocketMqAdmin(AdminSettings settings) {
        this.settings = settings;
        this.admin = new DefaultMQAdminExt(rpcHook(settings), settings.timeout().toMillis());
        admin.setNamesrvAddr(settings.nameServer());
        admin.setInstanceName("backtrack-admin-" + UUID.randomUUID());
        try {
            admin.start();
        } catch (MQClientException e) {
            throw new RewindException("Cannot start a RocketMQ admin client for name server " + settings.nameServer()
                    + ": " + e.getErrorMessage(), e);
        }
        this.proxyConsumers = new ProxyConsumers(settings.proxies(), api(), settings.timeout().toMillis());
    }

    /** The ACL hook for these settings, or null without credentials. */
    public static @Nullable RPCHook rpcHook(AdminSettings settings) {
        return settings.hasCredentials()
                ? new AclClientRPCHook(new SessionCredentials(settings.accessKey(), settings.secretKey())) : null;
    }

    /** The settings this admin was created with. */
    public AdminSettings settings() {
        return settings;
    }

    /** Creates the topic on every master broker of the cluster unless it is routable already; waits until it is. */
    @Override
    public void ensureTopic(String topic, int queuesPerBroker) {
        try {
            admin.examineTopicRouteInfo(topic);
            return;
        } catch (Exception e) {
            // not routable yet: create it below
        }
        try {
            for (BrokerData broker : admin.examineBrokerClusterInfo().getBrokerAddrTable().values()) {
                String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
                if (master != null) {
                    admin.createAndUpdateTopicConfig(master, new TopicConfig(topic, queuesPerBroker, queuesPerBroker,
                            PermName.PERM_READ | PermName.PERM_WRITE));
                }
            }
        } catch (Exception e) {
            throw nameServerFailure("create topic '" + topic + "'", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                admin.examineTopicRouteInfo(topic);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw nameServerFailure("see topic '" + topic + "' routed after creating it", e);
                }
                pause("wait for topic '" + topic + "'");
            }
        }
    }

    /** Fails with a clear error, naming the address, when the cluster's name server does not answer. */
    public void requireReachable() {
        try {
            admin.examineBrokerClusterInfo();
        } catch (Exception e) {
            throw nameServerFailure("read the cluster", e);
        }
    }

    /** The topic's route: which brokers hold how many queues; fails clearly for an unknown topic. */
    @Override
    public TopicRouteData route(String topic) {
        try {
            return admin.examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                throw new UnknownTopicException(topic, settings.nameServer());
            }
            throw nameServerFailure("read the route of topic '" + topic + "'", e);
        } catch (Exception e) {
            throw nameServerFailure("read the route of topic '" + topic + "'", e);
        }
    }

    /** Every readable queue of the topic on every broker in its route, by broker then queue id. */
    @Override
    public List<QueueAddress> queues(String topic) {
        RocketMqNames.requireTopic(topic);
        TopicRouteData route = route(topic);
        List<QueueAddress> queues = new ArrayList<>();
        for (QueueData queueData : route.getQueueDatas()) {
            String address = route.getBrokerDatas().stream()
                    .filter(b -> b.getBrokerName().equals(queueData.getBrokerName()))
                    .map(b -> b.getBrokerAddrs().get(MixAll.MASTER_ID)).filter(Objects::nonNull).findFirst()
                    .orElseThrow(() -> new RewindException("Topic '" + topic + "' has queues on broker "
                            + queueData.getBrokerName() + ", but name server " + settings.nameServer()
                            + " knows no master address for it (is the master down?)"));
            for (int queueId = 0; queueId < queueData.getReadQueueNums(); queueId++) {
                queues.add(new QueueAddress(new MessageQueue(topic, queueData.getBrokerName(), queueId), address));
            }
        }
        queues.sort(Comparator.comparing((QueueAddress q) -> q.queue().getBrokerName())
                .thenComparingInt(q -> q.queue().getQueueId()));
        return queues;
    }

    /**
     * The group's committed offset for the queue on the broker, or null when it has none. Asks the broker not to
     * answer 0 for a group without an offset (which it otherwise does while the queue's first message is in memory).
     */
    @Override
    public @Nullable Long committedOffset(String brokerAddress, String group, MessageQueue queue) {
        QueryConsumerOffsetRequestHeader header = new QueryConsumerOffsetRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(queue.getTopic());
        header.setQueueId(queue.getQueueId());
        header.setBrokerName(queue.getBrokerName());
        header.setSetZeroIfNotFound(false);
        try {
            return api().queryConsumerOffset(brokerAddress, header, timeoutMillis());
        } catch (OffsetNotFoundException e) {
            return null;
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.QUERY_NOT_FOUND) {
                return null;
            }
            throw brokerFailure("read the committed offset of group '" + group + "' on " + describe(queue),
                    brokerAddress, e);
        } catch (Exception e) {
            throw brokerFailure("read the committed offset of group '" + group + "' on " + describe(queue),
                    brokerAddress, e);
        }
    }

    /** The queue's smallest retained offset. */
    @Override
    public long minOffset(String brokerAddress, MessageQueue queue) {
        try {
            return api().getMinOffset(brokerAddress, queue, timeoutMillis());
        } catch (Exception e) {
            throw brokerFailure("read the min offset of " + describe(queue), brokerAddress, e);
        }
    }

    /** The queue's next offset to be written. */
    @Override
    public long maxOffset(String brokerAddress, MessageQueue queue) {
        try {
            return api().getMaxOffset(brokerAddress, queue, timeoutMillis());
        } catch (Exception e) {
            throw brokerFailure("read the max offset of " + describe(queue), brokerAddress, e);
        }
    }

    /**
     * The broker's offset for the first message stored at or after {@code timestamp} (its lower boundary). A 5.x
     * broker clamps the answer to [min, max]: max when every message is older, min when every one is newer.
     */
    @Override
    public long searchOffset(String brokerAddress, MessageQueue queue, long timestamp) {
        try {
            return api().searchOffset(brokerAddress, queue, timestamp, BoundaryType.LOWER, timeoutMillis());
        } catch (Exception e) {
            throw brokerFailure("search " + describe(queue) + " by time", brokerAddress, e);
        }
    }

    /**
     * Every queue's offset bounds from one topic-statistics request per broker (the brokers asked side by side); a
     * queue the statistics leave out is asked on its own.
     */
    @Override
    public Map<MessageQueue, OffsetRange> offsetRanges(List<QueueAddress> queues) {
        Map<MessageQueue, OffsetRange> ranges = new HashMap<>();
        List<Map<MessageQueue, TopicOffset>> stats = SideBySide.each(byBroker(queues), BROKER_THREADS,
                brokerQueues -> topicStats(brokerQueues.get(0)));
        stats.forEach(table -> table.forEach((mq, offsets) -> ranges.put(mq,
                new OffsetRange(offsets.getMinOffset(), offsets.getMaxOffset()))));
        List<QueueAddress> unlisted = queues.stream().filter(q -> !ranges.containsKey(q.queue())).toList();
        List<OffsetRange> asked = SideBySide.each(unlisted, QUEUE_THREADS,
                q -> new OffsetRange(minOffset(q.brokerAddress(), q.queue()), maxOffset(q.brokerAddress(), q.queue())));
        return inOrder(queues, ranges, unlisted, asked);
    }

    /**
     * The group's committed offsets from one consume-statistics request per broker (the brokers asked side by side).
     * The statistics cannot tell offset 0 from no offset: a queue they show at 0 or below, or leave out, is asked on
     * its own, as {@link #committedOffset} does.
     */
    @Override
    public Map<MessageQueue, Long> committedOffsets(String group, List<QueueAddress> queues) {
        Map<MessageQueue, Long> found = new HashMap<>();
        List<Map<MessageQueue, OffsetWrapper>> stats = SideBySide.each(byBroker(queues), BROKER_THREADS,
                brokerQueues -> consumeStats(group, brokerQueues.get(0)));
        stats.forEach(table -> table.forEach((mq, offsets) -> {
            if (offsets.getConsumerOffset() > 0) {
                found.put(mq, offsets.getConsumerOffset());
            }
        }));
        List<QueueAddress> unlisted = queues.stream().filter(q -> !found.containsKey(q.queue())).toList();
        List<Long> asked = SideBySide.each(unlisted, QUEUE_THREADS,
                q -> committedOffset(q.brokerAddress(), group, q.queue()));
        Map<MessageQueue, Long> offsets = inOrder(queues, found, unlisted, asked);
        offsets.values().removeIf(Objects::isNull);
        return offsets;
    }

    /** {@link #searchOffset} for each queue, the requests sent side by side. */
    @Override
    public Map<MessageQueue, Long> searchOffsets(List<QueueAddress> queues, long timestamp) {
        List<Long> offsets = SideBySide.each(queues, QUEUE_THREADS,
                q -> searchOffset(q.brokerAddress(), q.queue(), timestamp));
        return inOrder(queues, Map.of(), queues, offsets);
    }

    /** {@link #storeTimestampAt} for each queue, the reads sent side by side. */
    @Override
    public Map<MessageQueue, Long> storeTimestampsAt(Map<QueueAddress, Long> offsets) {
        List<QueueAddress> queues = List.copyOf(offsets.keySet());
        List<Long> times = SideBySide.each(queues, QUEUE_THREADS,
                q -> storeTimestampAt(q.brokerAddress(), q.queue(), offsets.get(q)));
        Map<MessageQueue, Long> found = inOrder(queues, Map.of(), queues, times);
        found.values().removeIf(Objects::isNull);
        return found;
    }

    /**
     * {@link #writeOffset} for each queue, the writes sent side by side once each broker holds the first. A broker
     * keeps a group's offsets on a topic in a table it creates at the first write without a lock: first writes that
     * arrive together each create one, the last replaces the others, and every write is answered as a success
     * (docs/rocketmq-behaviour.md). So one queue a broker is written first (the brokers side by side), then the rest.
     */
    @Override
    public void writeOffsets(String group, Map<QueueAddress, Long> offsets) {
        List<List<QueueAddress>> perBroker = byBroker(List.copyOf(offsets.keySet()));
        SideBySide.each(perBroker.stream().map(queues -> queues.get(0)).toList(), BROKER_THREADS, q -> {
            writeOffset(q.brokerAddress(), group, q.queue(), offsets.get(q));
            return q;
        });
        SideBySide.each(perBroker.stream().flatMap(queues -> queues.stream().skip(1)).toList(), QUEUE_THREADS, q -> {
            writeOffset(q.brokerAddress(), group, q.queue(), offsets.get(q));
            return q;
        });
    }

    /** {@link #resetThroughBroker} for each queue, the resets sent side by side. */
    @Override
    public void resetThroughBrokers(String group, Map<QueueAddress, Long> offsets) {
        SideBySide.each(List.copyOf(offsets.keySet()), QUEUE_THREADS, q -> {
            resetThroughBroker(q.brokerAddress(), group, q.queue(), offsets.get(q));
            return q;
        });
    }

    /** The queues grouped by broker address, each group with at least one queue. */
    private static List<List<QueueAddress>> byBroker(List<QueueAddress> queues) {
        Map<String, List<QueueAddress>> grouped = new LinkedHashMap<>();
        queues.forEach(q -> grouped.computeIfAbsent(q.brokerAddress(), a -> new ArrayList<>()).add(q));
        return List.copyOf(grouped.values());
    }

    /** The answers by queue in the queues' order: those already {@code found}, then {@code asked} for {@code rest}. */
    private static <V> Map<MessageQueue, V> inOrder(List<QueueAddress> queues, Map<MessageQueue, V> found,
            List<QueueAddress> rest, List<V> asked) {
        Map<MessageQueue, V> answers = new HashMap<>(found);
        for (int i = 0; i < rest.size(); i++) {
            answers.put(rest.get(i).queue(), asked.get(i));
        }
        Map<MessageQueue, V> ordered = new LinkedHashMap<>();
        queues.forEach(q -> ordered.put(q.queue(), answers.get(q.queue())));
        return ordered;
    }

    /**
     * The min and max offset of every queue of the topic on the queue's broker (GET_TOPIC_STATS_INFO); empty when the
     * broker refuses the request.
     */
    private Map<MessageQueue, TopicOffset> topicStats(QueueAddress any) {
        String topic = any.queue().getTopic();
        try {
            return api().getTopicStatsInfo(any.brokerAddress(), topic, timeoutMillis()).getOffsetTable();
        } catch (MQBrokerException e) {
            return Map.of(); // answered, but refused (e.g. not allowed under ACL): each queue is asked on its own
        } catch (Exception e) {
            throw brokerFailure("read the offsets of topic '" + topic + "' on " + any.queue().getBrokerName(),
                    any.brokerAddress(), e);
        }
    }

    /**
     * The group's offsets on every queue of the topic on the queue's broker (GET_CONSUME_STATS); empty when the broker
     * refuses the request.
     */
    private Map<MessageQueue, OffsetWrapper> consumeStats(String group, QueueAddress any) {
        String topic = any.queue().getTopic();
        try {
            return api().getConsumeStats(any.brokerAddress(), group, topic, timeoutMillis()).getOffsetTable();
        } catch (MQBrokerException e) {
            return Map.of(); // answered, but refused (e.g. not allowed under ACL): each queue is asked on its own
        } catch (Exception e) {
            throw brokerFailure("read the committed offsets of group '" + group + "' on topic '" + topic + "' on "
                    + any.queue().getBrokerName(), any.brokerAddress(), e);
        }
    }

    /**
     * The store time of the message at {@code offset} of the queue on the broker, or null when there is none. Reads
     * that one message (header only) under RocketMQ's tools group, which every broker has, without committing.
     */
    @Override
    public @Nullable Long storeTimestampAt(String brokerAddress, MessageQueue queue, long offset) {
        try {
            PullResult result = pullWithoutGroup(brokerAddress, queue, offset, 1);
            if (result.getPullStatus() != PullStatus.FOUND || !(result instanceof PullResultExt found)
                    || found.getMessageBinary() == null) {
                return null;
            }
            MessageExt message = MessageDecoder.decode(ByteBuffer.wrap(found.getMessageBinary()), false);
            return message != null && message.getQueueOffset() == offset ? message.getStoreTimestamp() : null;
        } catch (Exception e) {
            throw brokerFailure("read the message at offset " + offset + " of " + describe(queue), brokerAddress, e);
        }
    }

    /**
     * Up to {@code max} messages of the queue from {@code offset} on, with their bodies, as one pull returns them (the
     * broker may return fewer); read like {@link #storeTimestampAt}: no consumer group of its own, nothing committed.
     */
    @Override
    public List<MessageExt> readMessages(String brokerAddress, MessageQueue queue, long offset, int max) {
        try {
            PullResult result = pullWithoutGroup(brokerAddress, queue, offset, max);
            if (result.getPullStatus() != PullStatus.FOUND || !(result instanceof PullResultExt found)
                    || found.getMessageBinary() == null) {
                return List.of();
            }
            return MessageDecoder.decodes(ByteBuffer.wrap(found.getMessageBinary()), true);
        } catch (Exception e) {
            throw brokerFailure("read messages from offset " + offset + " of " + describe(queue), brokerAddress, e);
        }
    }

    /** Pulls under RocketMQ's tools group, which every broker has, committing nothing and never waiting. */
    private PullResult pullWithoutGroup(String brokerAddress, MessageQueue queue, long offset, int max)
            throws Exception {
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup(MixAll.TOOLS_CONSUMER_GROUP);
        header.setTopic(queue.getTopic());
        header.setQueueId(queue.getQueueId());
        header.setBrokerName(queue.getBrokerName());
        header.setQueueOffset(offset);
        header.setMaxMsgNums(max);
        header.setSysFlag(PullSysFlag.buildSysFlag(false, false, true, false));
        header.setCommitOffset(0L);
        header.setSuspendTimeoutMillis(0L);
        header.setSubscription(SubscriptionData.SUB_ALL);
        header.setSubVersion(0L);
        header.setExpressionType(ExpressionType.TAG);
        return api().pullMessage(brokerAddress, header, timeoutMillis(), CommunicationMode.SYNC, null);
    }

    /**
     * The client ids of the group's connected consumers (empty for a group with none connected): those the brokers
     * know and those the configured proxies serve.
     */
    @Override
    public Set<String> onlineClients(String group) {
        Set<String> clients = clientIds(connections(group));
        clients.addAll(proxyConsumers.clients(group).keySet());
        return Set.copyOf(clients);
    }

    private static Set<String> clientIds(@Nullable ConsumerConnection connection) {
        return connection == null ? new HashSet<>()
                : connection.getConnectionSet().stream().map(Connection::getClientId).collect(Collectors.toSet());
    }

    @Override
    public Map<String, String> proxyClients(String group) {
        return proxyConsumers.clients(group);
    }

    @Override
    public @Nullable MessageModel onlineMessageModel(String group) {
        ConsumerConnection connection = connections(group);
        return connection == null || connection.getConnectionSet().isEmpty() ? proxyConsumers.messageModel(group)
                : connection.getMessageModel();
    }

    /** A consumer whose running info cannot be read (e.g. not a Java remoting client) counts as not popping. */
    @Override
    public boolean popsOnline(String group) {
        return popsAmong(group, onlineClients(group));
    }

    private boolean popsAmong(String group, Set<String> clients) {
        return clients.stream().anyMatch(client -> {
            try {
                return !runningInfo(group, client).getMqPopTable().isEmpty();
            } catch (RewindException e) {
                return false;
            }
        });
    }

    /**
     * The group's consumers in one look: the brokers' connections of the group are looked up once and each configured
     * proxy is asked once (the separate questions above ask again each time).
     */
    @Override
    public GroupConsumers consumers(String group) {
        ConsumerConnection connection = connections(group);
        ProxyConsumers.Seen proxied = proxyConsumers.seen(group);
        Set<String> clients = clientIds(connection);
        clients.addAll(proxied.clients().keySet());
        MessageModel model = connection == null || connection.getConnectionSet().isEmpty() ? proxied.messageModel()
                : connection.getMessageModel();
        Set<String> online = Set.copyOf(clients);
        return new GroupConsumers(group, online, model, proxied.clients(), () -> popsAmong(group, online));
    }

    /** What a broker of the group knows of its connected consumers, or null when none is connected. */
    private @Nullable ConsumerConnection connections(String group) {
        try {
            return admin.examineConsumerConnectionInfo(group);
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.CONSUMER_NOT_ONLINE) {
                return null; // the broker knows no consumer of the group
            }
            throw nameServerFailure("look up the connections of group '" + group + "'", e);
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.CONSUMER_NOT_ONLINE) {
                return null; // the broker knows the group, but none of its consumers is connected
            }
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return null; // not even its retry topic exists: the group never connected
            }
            throw nameServerFailure("look up the connections of group '" + group + "'", e);
        } catch (Exception e) {
            throw nameServerFailure("look up the connections of group '" + group + "'", e);
        }
    }

    @Override
    public Set<MessageQueue> consumerQueues(String group, String clientId) {
        return Set.copyOf(askedThroughABroker(group, clientId, "read the queues that consumer " + clientId
                + " of group '" + group + "' holds").getMqTable().keySet());
    }

    @Override
    public Map<String, String> registeredMasters() {
        try {
            Map<String, String> masters = new TreeMap<>();
            admin.examineBrokerClusterInfo().getBrokerAddrTable().forEach((name, broker) -> {
                String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
                if (master != null) {
                    masters.put(name, master);
                }
            });
            return masters;
        } catch (Exception e) {
            throw nameServerFailure("read the brokers registered with the cluster", e);
        }
    }

    @Override
    public boolean holdsTopic(String brokerAddress, String topic) {
        try {
            return admin.examineTopicConfig(brokerAddress, topic) != null;
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return false;
            }
            throw brokerFailure("read the configuration of topic '" + topic + "'", brokerAddress, e);
        } catch (Exception e) {
            throw brokerFailure("read the configuration of topic '" + topic + "'", brokerAddress, e);
        }
    }

    /** Creates or changes the topic's configuration (queues, permission) on one broker. */
    @Override
    public void createTopic(String brokerAddress, TopicConfig config) {
        try {
            admin.createAndUpdateTopicConfig(brokerAddress, config);
        } catch (Exception e) {
            throw brokerFailure("create topic '" + config.getTopicName() + "'", brokerAddress, e);
        }
    }

    /**
     * Creates the subscription group on the broker when it does not exist there yet; leaves existing ones alone.
     * Brokers accept offsets only for groups they know.
     */
    @Override
    public void ensureGroup(String brokerAddress, String group) {
        try {
            api().getSubscriptionGroupConfig(brokerAddress, group, timeoutMillis());
            return; // known (a broker that creates groups on first use has just created it)
        } catch (MQBrokerException e) {
            if (e.getResponseCode() != ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST) {
                throw brokerFailure("look up consumer group '" + group + "'", brokerAddress, e);
            }
        } catch (Exception e) {
            throw brokerFailure("look up consumer group '" + group + "'", brokerAddress, e);
        }
        try {
            SubscriptionGroupConfig config = new SubscriptionGroupConfig();
            config.setGroupName(group);
            admin.createAndUpdateSubscriptionGroupConfig(brokerAddress, config);
        } catch (Exception e) {
            throw brokerFailure("create consumer group '" + group + "'", brokerAddress, e);
        }
    }

    /** Writes the group's committed offset for one queue on its broker (UPDATE_CONSUMER_OFFSET). */
    @Override
    public void writeOffset(String brokerAddress, String group, MessageQueue queue, long offset) {
        try {
            admin.updateConsumeOffset(brokerAddress, group, queue, offset);
        } catch (Exception e) {
            throw brokerFailure("write offset " + offset + " for group '" + group + "' on " + describe(queue),
                    brokerAddress, e);
        }
    }

    /**
     * Moves the group's queue through the broker: the broker records the offset and hands it to the consumer at its
     * next pull, ignoring the consumer's commits until then. Exact only where {@link #resetsOnServerSide} holds.
     */
    @Override
    public void resetThroughBroker(String brokerAddress, String group, MessageQueue queue, long offset) {
        try {
            // Not DefaultMQAdminExt.resetOffsetByQueueId: it writes the offset directly first, which a consumer in
            // pop mode may pop from at once, and then replays a second time from the reset.
            api().invokeBrokerToResetOffset(brokerAddress, queue.getTopic(), group, 0, queue.getQueueId(), offset,
                    timeoutMillis());
        } catch (Exception e) {
            throw brokerFailure("reset group '" + group + "' on " + describe(queue) + " to " + offset,
                    brokerAddress, e);
        }
    }

    /**
     * Whether the broker resets offsets itself ({@value #SERVER_SIDE_RESET}); without it, RocketMQ's per-queue reset
     * asks the consumers to move every queue of the topic on that broker to its earliest offset.
     */
    @Override
    public boolean resetsOnServerSide(String brokerAddress) {
        try {
            return Boolean.parseBoolean(admin.getBrokerConfig(brokerAddress).getProperty(SERVER_SIDE_RESET));
        } catch (Exception e) {
            throw brokerFailure("read the configuration of broker " + brokerAddress, brokerAddress, e);
        }
    }

    /** The name of every topic the name server knows, system topics included. */
    @Override
    public Set<String> topicNames() {
        try {
            return new TreeSet<>(admin.fetchAllTopicList().getTopicList());
        } catch (Exception e) {
            throw nameServerFailure("list the topics", e);
        }
    }

    /** The cluster and broker names (RocketMQ keeps a topic of each name for its own use). */
    @Override
    public Set<String> clusterAndBrokerNames() {
        try {
            ClusterInfo info = admin.examineBrokerClusterInfo();
            Set<String> names = new TreeSet<>(info.getBrokerAddrTable().keySet());
            names.addAll(info.getClusterAddrTable().keySet());
            return names;
        } catch (Exception e) {
            throw nameServerFailure("read the cluster", e);
        }
    }

    /** The consumer groups that the master brokers know (their subscription groups), system groups included. */
    @Override
    public Set<String> groupsConsuming(String topic) {
        Set<String> groups = new TreeSet<>();
        for (String address : queues(topic).stream().map(QueueAddress::brokerAddress).distinct().toList()) {
            try { // one request a broker: its offsets table and its online consumers, by topic
                groups.addAll(api().queryTopicConsumeByWho(address, topic, timeoutMillis()).getGroupList());
            } catch (Exception e) {
                throw brokerFailure("list the consumer groups of topic '" + topic + "'", address, e);
            }
        }
        return groups;
    }

    @Override
    public Set<String> groupNames() {
        Set<String> groups = new TreeSet<>();
        registeredMasters().forEach((name, address) -> {
            try {
                groups.addAll(admin.getAllSubscriptionGroup(address, timeoutMillis()).getSubscriptionGroupTable()
                        .keySet());
            } catch (Exception e) {
                throw brokerFailure("list the consumer groups", address, e);
            }
        });
        return groups;
    }

    /**
     * The group's committed and max offset per queue as every master broker reports them, on every topic where it
     * holds offsets (connected or not); empty when it holds none.
     */
    @Override
    public Map<MessageQueue, OffsetWrapper> consumeOffsets(String group) {
        Map<MessageQueue, OffsetWrapper> offsets = new java.util.HashMap<>();
        registeredMasters().forEach((name, address) -> {
            try {
                offsets.putAll(api().getConsumeStats(address, group, timeoutMillis()).getOffsetTable());
            } catch (Exception e) {
                throw brokerFailure("read the offsets of group '" + group + "'", address, e);
            }
        });
        return offsets;
    }

    /** The group's consumer connections as the broker knows them (subscriptions, consume type), or null when none. */
    @Override
    public @Nullable ConsumerConnection consumerConnection(String group) {
        ConsumerConnection connection = connections(group);
        return connection == null || connection.getConnectionSet().isEmpty() ? null : connection;
    }

    /** What the group's connected consumer {@code clientId} reports about itself (e.g. whether it consumes orderly). */
    @Override
    public ConsumerRunningInfo runningInfo(String group, String clientId) {
        return askedThroughABroker(group, clientId, "read the running info of consumer " + clientId + " of group '"
                + group + "'");
    }

    /**
     * The consumer's running info, asked through each broker of the group's retry topic in turn until one answers. A
     * broker passes the request to the consumers connected to it, and a broker that just restarted knows a consumer
     * only after the consumer's next heartbeat (up to 30 s later), so it answers "not online" for a consumer that is.
     * RocketMQ's own admin asks the first broker of the route only.
     */
    private ConsumerRunningInfo askedThroughABroker(String group, String clientId, String action) {
        List<String> brokers;
        try {
            brokers = admin.examineTopicRouteInfo(MixAll.getRetryTopic(group)).getBrokerDatas().stream()
                    .map(BrokerData::selectBrokerAddr).filter(Objects::nonNull).toList();
        } catch (Exception e) {
            throw nameServerFailure(action, e);
        }
        Exception last = null;
        for (String broker : brokers) {
            try {
                // three times the call timeout, as RocketMQ's admin waits: the broker asks the consumer in turn
                return api().getConsumerRunningInfo(broker, group, clientId, false, timeoutMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw nameServerFailure(action, e);
            } catch (Exception e) {
                last = e;
            }
        }
        throw nameServerFailure(action, last != null ? last
                : new IllegalStateException("no broker routes the retry topic of group '" + group + "'"));
    }

    private ConsumerConnection connection(String group) {
        try {
            return admin.examineConsumerConnectionInfo(group);
        } catch (Exception e) {
            throw nameServerFailure("look up the connections of group '" + group + "'", e);
        }
    }

    private MQClientAPIImpl api() {
        return admin.getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
    }

    private long timeoutMillis() {
        return settings.timeout().toMillis();
    }

    private RewindException nameServerFailure(String action, Exception e) {
        return ClusterFailures.of(action, "name server " + settings.nameServer(), timeoutMillis(), e);
    }

    private RewindException brokerFailure(String action, String brokerAddress, Exception e) {
        return ClusterFailures.of(action, "broker " + brokerAddress + " (name server " + settings.nameServer() + ")",
                timeoutMillis(), e);
    }

    private void pause(String action) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RewindException("Interrupted while waiting to " + action, interrupted);
        }
    }

    /** The queue as "topic broker/queueId", for messages. */
    public static String describe(MessageQueue queue) {
        return queue.getTopic() + " " + queue.getBrokerName() + "/" + queue.getQueueId();
    }

    /** Shuts the admin client down, in the background (see {@link ClientCloser}). */
    @Override
    public void close() {
        ClientCloser.inBackground("backtrack-admin-close", admin::shutdown);
    }
}
