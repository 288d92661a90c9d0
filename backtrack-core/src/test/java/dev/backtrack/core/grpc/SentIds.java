package dev.backtrack.core.grpc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** Messages sent to one topic, by message id, with the store time the broker gave each. */
final class SentIds implements AutoCloseable {

    private final DefaultMQProducer producer;
    private final String topic;
    private final Map<String, Long> storeTimes = new LinkedHashMap<>();

    SentIds(String nameServer, String topic) throws Exception {
        this.topic = topic;
        producer = new DefaultMQProducer(topic + "-sender");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(topic + "-sender-" + System.nanoTime());
        producer.start();
    }

    /** Sends {@code count} messages, recording their ids and store times. */
    synchronized void send(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            SendResult result = producer.send(new Message(topic, ("g-" + storeTimes.size())
                    .getBytes(StandardCharsets.UTF_8)));
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("send failed: " + result);
            }
            @SuppressWarnings("deprecation")
            MessageExt stored = producer.viewMessage(topic, result.getOffsetMsgId());
            storeTimes.put(result.getMsgId(), stored.getStoreTimestamp());
        }
    }

    synchronized long storeTime(String id) {
        return storeTimes.get(id);
    }

    synchronized int count() {
        return storeTimes.size();
    }

    /** The id of the n-th message sent (0-based). */
    synchronized String nth(int n) {
        return storeTimes.keySet().stream().skip(n).findFirst().orElseThrow();
    }

    synchronized Set<String> storedFrom(long timestamp) {
        return storeTimes.entrySet().stream().filter(e -> e.getValue() >= timestamp).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    synchronized Set<String> all() {
        return Set.copyOf(storeTimes.keySet());
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
