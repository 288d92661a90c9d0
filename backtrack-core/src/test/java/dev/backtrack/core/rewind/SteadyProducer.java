package dev.backtrack.core.rewind;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Sends messages labelled {@code prefix-N} to a topic one after the other (RocketMQ's round robin over its queues)
 * until stopped, remembering where each was stored; then tells each one's store time (for tests).
 */
final class SteadyProducer implements AutoCloseable {

    /** Where a sent message was stored. */
    record Sent(String label, MessageQueue queue, long offset) {
    }

    private final EmbeddedRocketMq mq;
    private final String topic;
    private final String prefix;
    private final DefaultMQProducer producer;
    private final List<Sent> sent = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private CompletableFuture<Void> loop = CompletableFuture.completedFuture(null);

    SteadyProducer(EmbeddedRocketMq mq, String topic, String prefix) throws Exception {
        this.mq = mq;
        this.topic = topic;
        this.prefix = prefix;
        this.producer = StoredMessages.producer(mq.nameServerAddress());
    }

    /** Sends {@code count} messages now. */
    void send(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sendOne();
        }
    }

    /** Starts sending continuously, with {@code pauseMillis} between sends, until {@link #stop()}. */
    void start(long pauseMillis) {
        running.set(true);
        loop = CompletableFuture.runAsync(() -> {
            try {
                while (running.get()) {
                    sendOne();
                    Thread.sleep(pauseMillis);
                }
            } catch (Exception e) {
                throw new IllegalStateException("steady production failed", e);
            }
        });
    }

    /** Stops the continuous sending (failing if a send failed) and returns everything sent. */
    List<Sent> stop() {
        running.set(false);
        loop.join();
        return sent();
    }

    private void sendOne() throws Exception {
        String label;
        synchronized (this) {
            label = prefix + "-" + sent.size();
        }
        SendResult result = producer.send(new Message(topic, label.getBytes(StandardCharsets.UTF_8)));
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new IllegalStateException("send of " + label + " failed: " + result);
        }
        synchronized (this) {
            sent.add(new Sent(label, result.getMessageQueue(), result.getQueueOffset()));
        }
    }

    /** Everything sent so far, in order. */
    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** How many messages were sent so far. */
    synchronized int count() {
        return sent.size();
    }

    /** The labels sent so far. */
    Set<String> labels() {
        return sent().stream().map(Sent::label).collect(Collectors.toSet());
    }

    /** The broker's store time of each message sent so far, by label. */
    Map<String, Long> storeTimes() {
        Map<String, Long> times = new LinkedHashMap<>();
        for (Sent s : sent()) {
            times.put(s.label(), StoredMessages.storeTime(mq, topic, s.queue().getBrokerName(), s.queue().getQueueId(),
                    s.offset()));
        }
        return times;
    }

    @Override
    public void close() {
        running.set(false);
        TestClients.shutDownInBackground(producer);
    }
}
