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
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;

/**
 * An in-memory {@link ClusterAdmin} for unit tests of planning and applying: brokers with queues (store times per
 * offset, a min offset below which messages are deleted), committed offsets, online consumers, brokers that fail.
 * It answers as a RocketMQ 5.x broker does (search by time clamped to [min, max], no offset for a group that never
 * committed); tests about positioning on a real broker use the embedded RocketMQ instead.
 */
public final class InMemoryCluster implements ClusterAdmin {

    /** The name server address used in errors. */
    public static final String NAME_SERVER = "fake-namesrv:9876";

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
    private final List<String> calls = new ArrayList<>();

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
        return Set.copyOf(clientsByGroup.getOrDefault(group, Map.of()).keySet());
    }

    @Override
    public MessageModel onlineMessageModel(String group) {
        if (onlineClients(group).isEmpty()) {
            return null;
        }
        return broadcastingGroups.contains(group) ? MessageModel.BROADCASTING : MessageModel.CLUSTERING;
    }

    @Override
    public boolean popsOnline(String group) {
        return !onlineClients(group).isEmpty() && popGroups.contains(group);
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
        private long min;

        /** Appends messages stored at these times (epoch ms), at the next offsets. */
        public FakeQueue stored(long... times) {
            for (long time : times) {
                storeTimes.add(time);
            }
            return this;
        }

        /** Deletes the messages below {@code offset}, as retention does. */
        public FakeQueue deletedBefore(long offset) {
            min = offset;
            return this;
        }
    }
}
