package dev.backtrack.console;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * Topics, messages and committed offsets on the console tests' cluster, made and read through RocketMQ's own
 * clients (a plain producer, the admin), never through the console.
 */
public final class TestTopics {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final EmbeddedRocketMqExtension mq;
    private final RocketMqAdmin admin;

    /**
     * Works on {@code mq}'s shared cluster (started) through the admin client of the test JVM ({@link TestAdmins}),
     * which stays open as long as the cluster.
     */
    public TestTopics(EmbeddedRocketMqExtension mq) {
        this.mq = mq;
        this.admin = TestAdmins.of(mq);
    }

    /** The admin client, to read the cluster as RocketMQ answers. */
    public RocketMqAdmin admin() {
        return admin;
    }

    /** A new topic named {@code prefix} and a random part, with two queues. */
    public String create(String prefix) throws Exception {
        String topic = prefix + shortId();
        mq.rocketMq().createTopic(topic, 2);
        return topic;
    }

    /** A short random name part. */
    public static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates the group's retry topic, as a consumer that ran before leaves it, so that a consumer started now reads it
     * from its start instead of finding its route at the next name-server poll (30 s) after a replay creates it.
     */
    public void createRetryTopic(String group) {
        admin.ensureTopic(MixAll.getRetryTopic(group), 1);
    }

    /** Sends the bodies round-robin over the topic's queues; returns their store times as the broker reports them. */
    public List<Long> produce(String topic, List<String> bodies) throws Exception {
        return produce(topic, bodies, null);
    }

    /** Sends the bodies with {@code tags} (none when null) round-robin over the topic's queues; their store times. */
    public List<Long> produce(String topic, List<String> bodies, @Nullable String tags) throws Exception {
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        List<QueueAddress> queues = admin.queues(topic);
        List<SendResult> sent = new ArrayList<>();
        try {
            for (int i = 0; i < bodies.size(); i++) {
                byte[] body = bodies.get(i).getBytes(StandardCharsets.UTF_8);
                Message message = tags == null ? new Message(topic, body) : new Message(topic, tags, body);
                sent.add(producer.send(message, queues.get(i % queues.size()).queue()));
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        String broker = queues.get(0).brokerAddress();
        List<Long> times = new ArrayList<>();
        for (SendResult result : sent) {
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(() -> admin.storeTimestampAt(broker, result.getMessageQueue(),
                    result.getQueueOffset()) != null);
            times.add(admin.storeTimestampAt(broker, result.getMessageQueue(), result.getQueueOffset()));
        }
        return times;
    }

    /** Commits the group at the end of every queue of the topic, as a consumer that has read everything. */
    public void commitEverything(String group, String topic) {
        for (QueueAddress queue : admin.queues(topic)) {
            commit(group, queue, admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
    }

    /** Commits the group at {@code offset} on {@code queue}. */
    public void commit(String group, QueueAddress queue, long offset) {
        admin.ensureGroup(queue.brokerAddress(), group);
        admin.writeOffset(queue.brokerAddress(), group, queue.queue(), offset);
    }

    /** The group's committed offsets on the topic's queues as the broker answers them, by {@code broker/queueId}. */
    public Map<String, @Nullable Long> committed(String group, String topic) {
        Map<String, @Nullable Long> offsets = new TreeMap<>();
        for (QueueAddress queue : admin.queues(topic)) {
            offsets.put(name(queue), admin.committedOffset(queue.brokerAddress(), group, queue.queue()));
        }
        return offsets;
    }

    /** Messages stored in {@code topic}, every queue; 0 while the topic does not exist. */
    public long stored(String topic) {
        try {
            return admin.queues(topic).stream().mapToLong(q -> admin.maxOffset(q.brokerAddress(), q.queue())).sum();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    /** The topic's queues by {@code broker/queueId}, in order. */
    public Map<String, QueueAddress> queues(String topic) {
        Map<String, QueueAddress> queues = new TreeMap<>();
        for (QueueAddress queue : admin.queues(topic)) {
            queues.put(name(queue), queue);
        }
        return queues;
    }

    private static String name(QueueAddress queue) {
        return queue.queue().getBrokerName() + "/" + queue.queue().getQueueId();
    }
}
