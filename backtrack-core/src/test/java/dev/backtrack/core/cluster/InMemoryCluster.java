package dev.backtrack.core.cluster;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;

/**
 * An in-memory cluster playing every role of {@link RocketMqAdmin} that needs no client of its own
 * ({@link ClusterAdmin}, {@link MessageReading}, {@link ClusterListing}, {@link ConsumerDetails}), for unit tests of
 * planning, applying, window planning, peeking and listing: brokers with queues (store times and tags per offset, a
 * min offset below which messages are deleted), committed offsets, online consumers with their subscriptions, brokers
 * that fail.
 * It answers as a RocketMQ 5.x broker does (search by time clamped to [min, max], no offset for a group that never
 * committed); tests about positioning on a real broker use the embedded RocketMQ instead.
 */
public final class InMemoryCluster implements ClusterAdmin, MessageReading, ClusterListing, ConsumerDetails {

    /** The name server address used in errors. */
    public static final String NAME_SERVER = "fake-namesrv:9876";
    /** The name of the cluster the brokers form. */
    public static final String CLUSTER = "FakeCluster";

    private final Map<String, String> routedBrokers = new TreeMap<>();
    private final Map<String, String> registeredOnly = new TreeMap<>();
    private final Map<MessageQueue, FakeQueue> queues = new HashMap<>();
    private final Map<String, Long> committed = new HashMap<>();
    private final Map<String, Set<String>> groupsByBroker = new HashMap<>();
    private final Map<String, Map<String, Set<MessageQueue>>> clientsByGroup = new HashMap<>();
    private final Set<String> broadcastingGroups = new HashSet<>();
    private final Set<String> popGroups = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private final Set<String> clientSideReset = new HashSet<>();
    private final Set<String> ignoringWrites = new HashSet<>();
    private final Map<String, Map<String, String>> subscriptions = new HashMap<>();
    private final Set<String> orderlyGroups = new HashSet<>();
    private final Map<String, Map<String, String>> proxiedByGroup = new HashMap<>();
    private final Set<String> extraTopics = new TreeSet<>();
    private final List<String> calls = new ArrayList<>();
    private int consumerLookups;

    /** A broker in the topics' routes, named {@code name} at {@code address}. */
    public InMemoryCluster broker(String name, String address) {
        routedBrokers.put(name, address);
        return this;
    }

    /** A broker registered with the name server but missing from every topic's route. */
    public InMemoryCluster unroutedBroker(String name, String address) {
        registeredOnly.put(name, address);
        return this;
    }

    /** The topic with {@code count} empty queues on every routed broker. */
    public InMemoryCluster topic(String topic, int count) {
        routedBrokers.keySet().forEach(broker -> {
            for (int id = 0; id < count; id++) {
                queues.put(new MessageQueue(topic, broker, id), new FakeQueue());
            }
        });
        return this;
    }

    /** The queue, for adding messages, deleting old ones or holding the topic on an unrouted broker. */
    public FakeQueue queue(String topic, String broker, int queueId) {
        return queues.computeIfAbsent(new MessageQueue(topic, broker, queueId), q -> new FakeQueue());
    }

    /** Sets the group's committed offset on the queue, as a consumer commit would. */
    public InMemoryCluster commit(String group, String topic, String broker, int queueId, long offset) {
        committed.put(key(group, new MessageQueue(topic, broker, queueId)), offset);
        return this;
    }

    /** A consumer of the group online, holding these queues. */
    public InMemoryCluster online(String group, String clientId, MessageQueue... held) {
        clientsByGroup.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(clientId, Set.of(held));
        return this;
    }

    /** The group's online consumers consume in broadcasting mode. */
    public InMemoryCluster broadcasting(String group) {
        broadcastingGroups.add(group);
        return this;
    }

    /** The group's online consumers consume in pop mode. */
    public InMemoryCluster popping(String group) {
        popGroups.add(group);
        return this;
    }

    /** The group's online consumers subscribe {@code topic} with the tag expression {@code tags}. */
    public InMemoryCluster subscribes(String group, String topic, String tags) {
        subscriptions.computeIfAbsent(group, g -> new TreeMap<>()).put(topic, tags);
        return this;
    }

    /** The group's online consumers consume orderly. */
    public InMemoryCluster orderly(String group) {
        orderlyGroups.add(group);
        return this;
    }

    /** A consumer of the group online through the RocketMQ proxy at {@code proxy} (a gRPC client). */
    public InMemoryCluster proxied(String group, String clientId, String proxy) {
        online(group, clientId);
        proxiedByGroup.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(clientId, proxy);
        return this;
    }

    /** The group's consumers leave. */
    public InMemoryCluster offline(String group) {
        clientsByGroup.remove(group);
        return this;
    }

    /** A topic the name server lists (e.g. a system topic) without queues of its own here. */
    public InMemoryCluster listedTopic(String topic) {
        extraTopics.add(topic);
        return this;
    }

    /** How many times the group's consumers were looked up (each question about consumers online counts one). */
    public int consumerLookups() {
        return consumerLookups;
    }

    /** Every request to the broker at {@code address} fails as if it did not answer. */
    public InMemoryCluster failing(String address) {
        failing.add(address);
        return this;
    }

    /** The broker at {@code address} does not reset offsets on the server side. */
    public InMemoryCluster clientSideReset(String address) {
        clientSideReset.add(address);
        return this;
    }

    /** The broker at {@code address} acknowledges direct offset writes but ignores them (a pending reset). */
    public InMemoryCluster ignoringWrites(String address) {
        ignoringWrites.add(address);
        return this;
    }

    /** The changing requests made so far, e.g. "write broker-a/0=3", "reset broker-a/0=3", "group 10.0.0.1 g". */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The group's committed offset on the queue, or null. */
    public Long committed(String group, String topic, String broker, int queueId) {
        return committed.get(key(group, new MessageQueue(topic, broker, queueId)));
    }

    @Override
    public List<QueueAddress> queues(String topic) {
        RocketMqNames.requireTopic(topic);
        List<QueueAddress> found = queues.keySet().stream()
                .filter(q -> q.getTopic().equals(topic) && routedBrokers.containsKey(q.getBrokerName()))
                .map(q -> new QueueAddress(q, routedBrokers.get(q.getBrokerName())))
                .sorted(Comparator.comparing((QueueAddress q) -> q.queue().getBrokerName())
                        .thenComparingInt(q -> q.queue().getQueueId()))
                .toList();
        if (found.isEmpty()) {
            throw new UnknownTopicException(topic, NAME_SERVER);
        }
        return found;
    }

    @Override
    public long minOffset(String brokerAddress, MessageQueue queue) {
        return at(brokerAddress, queue, "read the min offset").min;
    }

    @Override
    public long maxOffset(String brokerAddress, MessageQueue queue) {
        return at(brokerAddress, queue, "read the max offset").storeTimes.size();
    }

    @Override
    public Long committedOffset(String brokerAddress, String group, MessageQueue queue) {
        at(brokerAddress, queue, "read the committed offset");
        return committed.get(key(group, queue));
    }

    @Override
    public long searchOffset(String brokerAddress, MessageQueue queue, long timestamp) {
        FakeQueue q = at(brokerAddress, queue, "search by time");
        for (int offset = (int) q.min; offset < q.storeTimes.size(); offset++) {
            if (q.storeTimes.get(offset) >= timestamp) {
                return offset;
            }
        }
        return q.storeTimes.size();
    }

    @Override
    public Long storeTimestampAt(String brokerAddress, MessageQueue queue, long offset) {
        FakeQueue q = at(brokerAddress, queue, "read a message");
        return offset >= q.min && offset < q.storeTimes.size() ? q.storeTimes.get((int) offset) : null;
    }

    @Override
    public Set<String> onlineClients(String group) {
        consumerLookups++;
        return clients(group);
    }

    @Override
    public MessageModel onlineMessageModel(String group) {
        consumerLookups++;
        return model(group);
    }

    @Override
    public Map<String, String> proxyClients(String group) {
        consumerLookups++;
        return Map.copyOf(proxiedByGroup.getOrDefault(group, Map.of()));
    }

    @Override
    public boolean popsOnline(String group) {
        consumerLookups++;
        return !clients(group).isEmpty() && popGroups.contains(group);
    }

    /** The group's consumers in one look, counted as one look-up (as {@link RocketMqAdmin} fetches them once). */
    @Override
    public GroupConsumers consumers(String group) {
        consumerLookups++;
        Set<String> clients = clients(group);
        return new GroupConsumers(group, clients, model(group), proxiedByGroup.getOrDefault(group, Map.of()),
                () -> popGroups.contains(group));
    }

    private Set<String> clients(String group) {
        return Set.copyOf(clientsByGroup.getOrDefault(group, Map.of()).keySet());
    }

    private MessageModel model(String group) {
        if (clients(group).isEmpty()) {
            return null;
        }
        return broadcastingGroups.contains(group) ? MessageModel.BROADCASTING : MessageModel.CLUSTERING;
    }

    @Override
    public List<MessageExt> readMessages(String brokerAddress, MessageQueue queue, long offset, int max) {
        FakeQueue q = at(brokerAddress, queue, "read messages from offset " + offset);
        List<MessageExt> read = new ArrayList<>();
        for (long at = Math.max(offset, q.min); at < q.storeTimes.size() && read.size() < max; at++) {
            MessageExt message = new MessageExt();
            message.setTopic(queue.getTopic());
            message.setBrokerName(queue.getBrokerName());
            message.setQueueId(queue.getQueueId());
            message.setQueueOffset(at);
            message.setStoreTimestamp(q.storeTimes.get((int) at));
            message.setMsgId(queue.getBrokerName() + "-" + queue.getQueueId() + "-" + at);
            String tag = q.tags.get(at);
            if (tag != null) {
                message.setTags(tag);
            }
            message.setBody(("body " + at).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            read.add(message);
        }
        return read;
    }

    @Override
    public Set<String> topicNames() {
        Set<String> names = new TreeSet<>(extraTopics);
        queues.keySet().forEach(q -> names.add(q.getTopic()));
        return names;
    }

    @Override
    public Set<String> groupNames() {
        Set<String> names = new TreeSet<>(clientsByGroup.keySet());
        committed.keySet().forEach(k -> names.add(k.substring(0, k.indexOf('@'))));
        groupsByBroker.values().forEach(names::addAll);
        return names;
    }

    @Override
    public Set<String> groupsConsuming(String topic) {
        Set<String> names = new TreeSet<>();
        for (String group : groupNames()) {
            ConsumerConnection connection = consumerConnection(group);
            boolean online = connection != null && connection.getSubscriptionTable().containsKey(topic);
            if (online || consumeOffsets(group).keySet().stream().anyMatch(q -> q.getTopic().equals(topic))) {
                names.add(group);
            }
        }
        return names;
    }

    @Override
    public Set<String> clusterAndBrokerNames() {
        Set<String> names = new TreeSet<>(registeredMasters().keySet());
        names.add(CLUSTER);
        return names;
    }

    @Override
    public Map<MessageQueue, OffsetWrapper> consumeOffsets(String group) {
        Map<MessageQueue, OffsetWrapper> offsets = new HashMap<>();
        queues.forEach((queue, q) -> {
            Long offset = committed.get(key(group, queue));
            if (offset != null) {
                OffsetWrapper wrapper = new OffsetWrapper();
                wrapper.setConsumerOffset(offset);
                wrapper.setBrokerOffset(q.storeTimes.size());
                offsets.put(queue, wrapper);
            }
        });
        return offsets;
    }

    @Override
    public ConsumerConnection consumerConnection(String group) {
        Map<String, Set<MessageQueue>> clients = clientsByGroup.getOrDefault(group, Map.of());
        if (clients.isEmpty()) {
            return null;
        }
        ConsumerConnection connection = new ConsumerConnection();
        clients.keySet().forEach(id -> {
            Connection client = new Connection();
            client.setClientId(id);
            client.setClientAddr("addr-of-" + id);
            connection.getConnectionSet().add(client);
        });
        connection.setMessageModel(model(group));
        connection.setConsumeType(popGroups.contains(group) ? ConsumeType.CONSUME_POP : ConsumeType.CONSUME_PASSIVELY);
        subscriptions.getOrDefault(group, Map.of()).forEach((topic, tags) -> {
            SubscriptionData subscription = new SubscriptionData(topic, tags);
            connection.getSubscriptionTable().put(topic, subscription);
        });
        String retry = MixAll.getRetryTopic(group);
        connection.getSubscriptionTable().put(retry, new SubscriptionData(retry, "*"));
        return connection;
    }

    @Override
    public ConsumerRunningInfo runningInfo(String group, String clientId) {
        if (!clients(group).contains(clientId)) {
            throw new RewindException("Consumer " + clientId + " of group '" + group + "' is not online");
        }
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUME_ORDERLY,
                Boolean.toString(orderlyGroups.contains(group)));
        return info;
    }

    @Override
    public Set<MessageQueue> consumerQueues(String group, String clientId) {
        Set<MessageQueue> held = clientsByGroup.getOrDefault(group, Map.of()).get(clientId);
        if (held == null) {
            throw new RewindException("Consumer " + clientId + " of group '" + group + "' is not online");
        }
        return held;
    }

    @Override
    public Map<String, String> registeredMasters() {
        Map<String, String> all = new TreeMap<>(routedBrokers);
        all.putAll(registeredOnly);
        return all;
    }

    @Override
    public boolean holdsTopic(String brokerAddress, String topic) {
        requireAnswering(brokerAddress, "read the configuration of topic '" + topic + "'");
        String broker = brokerAt(brokerAddress);
        return queues.keySet().stream().anyMatch(q -> q.getTopic().equals(topic) && q.getBrokerName().equals(broker));
    }

    @Override
    public void ensureGroup(String brokerAddress, String group) {
        requireAnswering(brokerAddress, "look up consumer group '" + group + "'");
        if (groupsByBroker.computeIfAbsent(brokerAddress, a -> new HashSet<>()).add(group)) {
            calls.add("group " + brokerAt(brokerAddress) + " " + group);
        }
    }

    @Override
    public void writeOffset(String brokerAddress, String group, MessageQueue queue, long offset) {
        at(brokerAddress, queue, "write offset " + offset);
        if (!groupsByBroker.getOrDefault(brokerAddress, Set.of()).contains(group)) {
            throw new RewindException("Broker " + brokerAddress + " does not know group '" + group + "'");
        }
        calls.add("write " + queue.getBrokerName() + "/" + queue.getQueueId() + "=" + offset);
        if (!ignoringWrites.contains(brokerAddress)) {
            committed.put(key(group, queue), offset);
        }
    }

    @Override
    public void resetThroughBroker(String brokerAddress, String group, MessageQueue queue, long offset) {
        at(brokerAddress, queue, "reset to " + offset);
        calls.add("reset " + queue.getBrokerName() + "/" + queue.getQueueId() + "=" + offset);
        committed.put(key(group, queue), offset);
    }

    @Override
    public boolean resetsOnServerSide(String brokerAddress) {
        requireAnswering(brokerAddress, "read the configuration of broker " + brokerAddress);
        return !clientSideReset.contains(brokerAddress);
    }

    private FakeQueue at(String brokerAddress, MessageQueue queue, String action) {
        requireAnswering(brokerAddress, action + " of " + RocketMqAdmin.describe(queue));
        FakeQueue q = queues.get(queue);
        if (q == null || !brokerAt(brokerAddress).equals(queue.getBrokerName())) {
            throw new RewindException("Broker " + brokerAddress + " holds no queue " + RocketMqAdmin.describe(queue));
        }
        return q;
    }

    private void requireAnswering(String brokerAddress, String action) {
        if (failing.contains(brokerAddress)) {
            throw new RewindException("Cannot " + action + ": broker " + brokerAddress + " (name server "
                    + NAME_SERVER + ") does not answer (cannot connect: refused, unreachable or unknown host)");
        }
    }

    private String brokerAt(String address) {
        return registeredMasters().entrySet().stream().filter(e -> e.getValue().equals(address))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new RewindException("No broker at " + address));
    }

    private static String key(String group, MessageQueue queue) {
        return group + "@" + queue.getTopic() + "@" + queue.getBrokerName() + "/" + queue.getQueueId();
    }

    /** One queue: the store time of each offset, and the first offset still retained. */
    public static final class FakeQueue {

        private final List<Long> storeTimes = new ArrayList<>();
        private final Map<Long, String> tags = new HashMap<>();
        private long min;

        /** Appends messages stored at these times (epoch ms), at the next offsets. */
        public FakeQueue stored(long... times) {
            for (long time : times) {
                storeTimes.add(time);
            }
            return this;
        }

        /** Appends one message stored at {@code time} (epoch ms) with the tag {@code tag}, at the next offset. */
        public FakeQueue tagged(long time, String tag) {
            tags.put((long) storeTimes.size(), tag);
            storeTimes.add(time);
            return this;
        }

        /** Deletes the messages below {@code offset}, as retention does. */
        public FakeQueue deletedBefore(long offset) {
            min = offset;
            return this;
        }
    }
}
