package dev.backtrack.autoconfigure.listener;

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

/** A producer that remembers, per message id, the broker's store time of everything it sent. */
final class SentMessages implements AutoCloseable {

    private final DefaultMQProducer producer;
    private final String topic;
    private final Map<String, Long> storeTimes = new LinkedHashMap<>();

    SentMessages(String nameServer, String topic) throws Exception {
        this.topic = topic;
        producer = new DefaultMQProducer(topic + "-producer");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(topic + "-producer-" + System.nanoTime());
        producer.start();
    }

    /** Sends {@code count} messages and reads back their store times; returns their ids in order. */
    synchronized java.util.List<String> send(int count) throws Exception {
        java.util.List<String> ids = new java.util.ArrayList<>();
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

    synchronized long storeTime(String id) {
        return storeTimes.get(id);
    }

    synchronized int count() {
        return storeTimes.size();
    }

    /** The ids of the messages stored at or after {@code timestamp}. */
    synchronized Set<String> storedFrom(long timestamp) {
        return storeTimes.entrySet().stream().filter(e -> e.getValue() >= timestamp).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The ids of every message sent. */
    synchronized Set<String> all() {
        return Set.copyOf(storeTimes.keySet());
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
