package dev.backtrack.console;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.replay.ReplayedMessages;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A topic of orders on one queue, some keyed "poison", sent by a plain producer, and a group that consumed them all
 * once and now fails the replayed copies of the poison ones while it is broken (one retry, then its dead-letter
 * topic), as a consumer with a bug would. Its ledger holds the first delivery of every copy a run sent (retries left
 * out), so that a test compares what the runs delivered with the ids sent: nothing lost, nothing twice.
 */
public final class PoisonOrders implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String topic;
    private final String group;
    private final List<String> ids;
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final DeliveryLedger copies = new DeliveryLedger();
    private final RecordingConsumer consumer;

    private PoisonOrders(EmbeddedRocketMqExtension mq, TestTopics topics, String prefix, int count,
            IntPredicate poison) throws Exception {
        String id = TestTopics.shortId();
        this.topic = prefix + id;
        this.group = "g-" + prefix + id;
        mq.rocketMq().createTopic(topic, 1);
        this.ids = send(mq.nameServerAddress(), topic, count, poison);
        topics.createRetryTopic(group);
        this.consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID)
                .onMessage(this::recordCopy)
                .failing(m -> isCopy(m) && broken.get() && "poison".equals(m.getKeys()))
                .configure(c -> c.setMaxReconsumeTimes(1)).start();
        consumer.awaitLabels(ids, PATIENCE);
        await("group " + group + " online").atMost(PATIENCE).until(() -> topics.admin().isOnline(group));
    }

    /**
     * Sends {@code count} orders to a new topic named {@code prefix} and a random part (key "poison" where
     * {@code poison} says, else "order-i"), and starts the broken group, which consumes each once.
     */
    public static PoisonOrders start(EmbeddedRocketMqExtension mq, TestTopics topics, String prefix, int count,
            IntPredicate poison) throws Exception {
        return new PoisonOrders(mq, topics, prefix, count, poison);
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The consumer group. */
    public String group() {
        return group;
    }

    /** The orders' message ids, in sending order (and offset order). */
    public List<String> ids() {
        return ids;
    }

    /** The first deliveries of the copies runs sent, by message id. */
    public DeliveryLedger copies() {
        return copies;
    }

    /** The consumer, which records every delivery (originals, copies and retries). */
    public RecordingConsumer consumer() {
        return consumer;
    }

    /** The consumer is fixed: it fails nothing from now on. */
    public void fix() {
        broken.set(false);
    }

    /** The consumer is broken again: it fails the copies of the poison orders. */
    public void breakAgain() {
        broken.set(true);
    }

    /** Waits until a run's copy of every one of {@code expected} was delivered. */
    public void awaitCopies(List<String> expected) {
        consumer.await(() -> copies.receivedAll(expected), PATIENCE, "the runs' copies of " + expected.size()
                + " orders");
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void recordCopy(MessageExt message) {
        if (isCopy(message) && message.getReconsumeTimes() == 0) {
            copies.delivered(message.getMsgId());
        }
    }

    private static boolean isCopy(MessageExt message) {
        return message.getProperty(ReplayedMessages.RUN) != null;
    }

    private static List<String> send(String nameServer, String topic, int count, IntPredicate poison)
            throws Exception {
        DefaultMQProducer producer = TestClients.producer(nameServer);
        try {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new Message(topic, "t", poison.test(i) ? "poison" : "order-" + i,
                        ("order " + i).getBytes(StandardCharsets.UTF_8))).getMsgId());
            }
            return sent;
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }
}
