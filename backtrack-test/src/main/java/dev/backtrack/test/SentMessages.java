package dev.backtrack.test;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A producer for tests that remembers, per message id, the broker's store time of everything it sent to one topic.
 * <pre>{@code
 * try (SentMessages sent = new SentMessages(nameServer, "orders")) {
 *     List<String> ids = sent.send(20);
 *     Set<String> fromT = sent.storedFrom(sent.storeTime(ids.get(12)));
 * }
 * }</pre>
 */
public final class SentMessages implements AutoCloseable {

    private final DefaultMQProducer producer;
    private final String topic;
    private final Map<String, Long> storeTimes = new LinkedHashMap<>();

    /** Starts a producer for {@code topic} on the cluster of {@code nameServer}. */
    public SentMessages(String nameServer, String topic) throws Exception {
        this.topic = topic;
        producer = TestClients.producer(nameServer, topic + "-producer", null);
    }

    /**
     * Creates {@code topic} with {@code queuesPerBroker} queues on every broker of {@code rocketMq} and starts a
     * producer for it: {@code try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), "orders", 2)) {...}}.
     */
    public static SentMessages toNewTopic(EmbeddedRocketMq rocketMq, String topic, int queuesPerBroker)
            throws Exception {
        rocketMq.createTopic(topic, queuesPerBroker);
        return new SentMessages(rocketMq.nameServerAddress(), topic);
    }

    /** Sends {@code count} messages and reads back their store times; returns their ids in order. */
    public synchronized List<String> send(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SendResult result = producer.send(new Message(topic, ("m-" + storeTimes.size())
                    .getBytes(StandardCharsets.UTF_8)));
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("send failed: " + result);
            }
            @SuppressWarnings("deprecation")
            MessageExt stored = producer.viewMessage(topic, result.getOffsetMsgId());
            storeTimes.put(result.getMsgId(), stored.getStoreTimestamp());
            ids.add(result.getMsgId());
        }
        return ids;
    }

    /** The store time of the message sent with this id. */
    public synchronized long storeTime(String id) {
        Long time = storeTimes.get(id);
        if (time == null) {
            throw new IllegalArgumentException("No message with id " + id + " was sent to " + topic);
        }
        return time;
    }

    /** How many messages were sent. */
    public synchronized int count() {
        return storeTimes.size();
    }

    /** The ids of the messages stored at or after {@code timestamp}. */
    public synchronized Set<String> storedFrom(long timestamp) {
        return storeTimes.entrySet().stream().filter(e -> e.getValue() >= timestamp).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The ids of every message sent. */
    public synchronized Set<String> all() {
        return Set.copyOf(storeTimes.keySet());
    }

    @Override
    public void close() {
        TestClients.shutDownInBackground(producer);
    }
}
