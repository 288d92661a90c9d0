package dev.backtrack.core.position;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * Queues named "broker/queueId" (e.g. {@code broker-a/0}) in tests of positions by offset (core's, the CLI's and the
 * endpoint's): fills them with known offsets, commits a group's offsets on them and reads them back.
 */
public final class NamedQueues {

    private NamedQueues() {
    }

    /**
     * Creates {@code topic} with {@code queuesPerBroker} queues on each broker and sends {@code perQueue} messages to
     * each of {@code queues}, bodies {@code m-<queue>-<i>}. A send the busy broker refuses without storing it is sent
     * again, for up to 60 s.
     */
    public static void fill(EmbeddedRocketMq mq, String topic, int queuesPerBroker, List<String> queues, int perQueue)
            throws Exception {
        mq.createTopic(topic, queuesPerBroker);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            for (int i = 0; i < perQueue; i++) {
                for (String queue : queues) {
                    Message message = new Message(topic, ("m-" + queue + "-" + i).getBytes(StandardCharsets.UTF_8));
                    // A broker busy under load refuses a send without storing it: send it again.
                    await("the broker stores " + queue).pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60))
                            .ignoreExceptionsMatching(e -> e instanceof MQBrokerException busy
                                    && busy.getResponseCode() == ResponseCode.SYSTEM_BUSY)
                            .until(() -> producer.send(message, queue(topic, queue)), Objects::nonNull);
                }
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    /** The queue of {@code topic} named {@code broker/queueId}. */
    public static MessageQueue queue(String topic, String name) {
        String[] parts = name.split("/");
        return new MessageQueue(topic, parts[0], Integer.parseInt(parts[1]));
    }

    /** The address of the broker that holds the queue named {@code name}. */
    public static String address(EmbeddedRocketMq mq, String name) {
        String broker = name.substring(0, name.indexOf('/'));
        return mq.brokers().stream().filter(b -> b.name().equals(broker)).findFirst().orElseThrow().address();
    }

    /** Commits {@code offsets} (by queue name) for {@code group} on {@code topic}, creating the group where needed. */
    public static void commit(RocketMqAdmin admin, EmbeddedRocketMq mq, String group, String topic,
            Map<String, Long> offsets) {
        offsets.forEach((name, offset) -> {
            String address = address(mq, name);
            admin.ensureGroup(address, group);
            admin.writeOffset(address, group, queue(topic, name), offset);
        });
    }

    /** The committed offsets of {@code group} on {@code topic}, by queue name, in name order. */
    public static Map<String, Long> committed(RocketMqAdmin admin, String group, String topic) {
        Map<String, Long> offsets = new TreeMap<>();
        for (QueueOffsets queue : new OffsetsReader(admin).read(group, topic)) {
            offsets.put(queue.broker() + "/" + queue.queueId(), queue.committedOffset());
        }
        return offsets;
    }
}
