package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.awaitility.Awaitility;

/** Sends test messages to chosen queues and reads back where and when the broker stored each one (for tests). */
public final class StoredMessages {

    /** One stored message: body, queue, offset, store time as the broker recorded it. */
    public record Stored(String body, String broker, int queueId, long offset, long storeTime) {
    }

    private StoredMessages() {
    }

    public static DefaultMQProducer producer(String nameServer) throws Exception {
        DefaultMQProducer producer = TestClients.newProducer(nameServer, "planner-test-producer", null);
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE); // padded bodies must take their room in the store
        producer.start();
        return producer;
    }

    /**
     * Creates {@code topic} with one queue on each broker and returns queue 0 of broker-a, where a test of a
     * single queue sends.
     */
    public static MessageQueue oneQueueTopic(EmbeddedRocketMq mq, String topic) {
        mq.createTopic(topic, 1);
        return new MessageQueue(topic, "broker-a", 0);
    }

    /** Sends {@code count} messages round-robin over the given queues and returns them as stored. */
    public static List<Stored> send(EmbeddedRocketMq mq, String topic, List<MessageQueue> queues, int count,
            String prefix) throws Exception {
        return send(mq, topic, queues, count, prefix, 0);
    }

    /**
     * Sends {@code count} messages round-robin over the given queues, each body the label (prefix + index) followed,
     * when {@code padding} is positive, by '|' and that many filler bytes; returns them as stored.
     */
    public static List<Stored> send(EmbeddedRocketMq mq, String topic, List<MessageQueue> queues, int count,
            String prefix, int padding) throws Exception {
        DefaultMQProducer producer = producer(mq.nameServerAddress());
        List<SendResult> results = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                MessageQueue queue = queues.get(i % queues.size());
                String body = prefix + i;
                results.add(producer.send(new Message(topic, body(body, padding)), queue));
                bodies.add(body);
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        // The broker indexes messages into consume queues asynchronously: wait until every one is readable.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(r ->
                storeTime(mq, topic, r.getMessageQueue().getBrokerName(), r.getMessageQueue().getQueueId(),
                        r.getQueueOffset()) > 0));
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            MessageQueue queue = results.get(i).getMessageQueue();
            long offset = results.get(i).getQueueOffset();
            stored.add(new Stored(bodies.get(i), queue.getBrokerName(), queue.getQueueId(), offset,
                    storeTime(mq, topic, queue.getBrokerName(), queue.getQueueId(), offset)));
        }
        return stored;
    }

    private static byte[] body(String label, int padding) {
        return padding <= 0 ? label.getBytes(StandardCharsets.UTF_8)
                : (label + "|" + "x".repeat(padding)).getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts that every body in {@code received} came twice if {@code replayed} holds it, else once. */
    public static void assertReceivedAgainOnce(Map<String, Integer> received, Set<String> replayed) {
        assertThat(received).allSatisfy((body, times) ->
                assertThat(times).as(body).isEqualTo(replayed.contains(body) ? 2 : 1));
    }

    /** Waits until every body in {@code replayed} has come twice (once first, once replayed). */
    public static void awaitReplayed(Map<String, Integer> received, Set<String> replayed, Duration patience) {
        Awaitility.await("the replay").atMost(patience)
                .until(() -> replayed.stream().allMatch(b -> received.getOrDefault(b, 0) == 2));
    }

    /**
     * Sends one message ("wake-0") to {@code queue}, waits until it is received, then asserts that every body in
     * {@code replayed} came twice and every other once: anything replayed from an older offset (a pending reset's)
     * would come before the message sent now.
     */
    public static void assertNothingElseReplayed(EmbeddedRocketMq mq, MessageQueue queue,
            Map<String, Integer> received, Set<String> replayed, Duration patience) throws Exception {
        send(mq, queue.getTopic(), List.of(queue), 1, "wake-");
        Awaitility.await("the message sent after the replay").atMost(patience)
                .until(() -> received.containsKey("wake-0"));
        assertReceivedAgainOnce(received, replayed);
    }

    /** The label of a body written by {@link #send}: the part before any padding. */
    public static String label(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int bar = text.indexOf('|');
        return bar < 0 ? text : text.substring(0, bar);
    }

    public static long storeTime(EmbeddedRocketMq mq, String topic, String broker, int queueId, long offset) {
        EmbeddedBroker owner = mq.brokers().stream().filter(b -> b.name().equals(broker)).findFirst().orElseThrow();
        return owner.controller().getMessageStore().getMessageStoreTimeStamp(topic, queueId, offset);
    }

    public static Set<String> bodiesAtOrAfter(List<Stored> stored, long timestamp) {
        return stored.stream().filter(s -> s.storeTime() >= timestamp).map(Stored::body).collect(Collectors.toSet());
    }

    /** A push consumer of the group that records every body it receives (with repeats counted). */
    public static DefaultMQPushConsumer consume(String nameServer, String group, String topic,
            Map<String, Integer> received) {
        return consume(nameServer, group, topic, received, consumer -> { });
    }

    /** Like {@link #consume(String, String, String, Map)}, with {@code configure} applied before it starts. */
    public static DefaultMQPushConsumer consume(String nameServer, String group, String topic,
            Map<String, Integer> received, Consumer<DefaultMQPushConsumer> configure) {
        return RecordingConsumer.on(nameServer, group, topic)
                .onMessage(message -> received.merge(label(message.getBody()), 1, Integer::sum))
                .configure(configure)
                .start()
                .consumer();
    }

    /**
     * Starts a consumer of the group, waits until every expected body arrived, stops it, and returns every body it
     * received (more than expected means something earlier was replayed too).
     */
    public static Set<String> consumeUntilReceived(String nameServer, String group, String topic, Set<String> expected,
            Duration patience) {
        try (RecordingConsumer consumer = RecordingConsumer.on(nameServer, group, topic)
                .labelledBy(message -> label(message.getBody())).start()) {
            return consumer.awaitLabels(expected, patience);
        }
    }

    public static Map<String, Integer> sink() {
        return new ConcurrentHashMap<>();
    }
}
