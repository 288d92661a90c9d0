package dev.backtrack.core.redrive;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.DeadLetters;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * Dead letters for the redrive tests of every module, made through RocketMQ's own clients: orders sent by a plain
 * producer, consumed by a group that sends the picked ones straight to its dead-letter topic.
 */
public final class DeadLetterOrders {

    private DeadLetterOrders() {
    }

    /**
     * Creates {@code topic} with two queues and sends {@code count} orders with a plain producer: order i has key
     * {@code order-i}, tag {@code paid} when i is even else {@code created}, user property {@code region} {@code eu}
     * when {@code eu} takes i else {@code us}, and body {@code order i}; returns their message ids in sending order.
     */
    public static List<String> send(EmbeddedRocketMqExtension mq, String topic, int count, IntPredicate eu)
            throws Exception {
        mq.rocketMq().createTopic(topic, 2);
        List<String> ids = new ArrayList<>();
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            for (int i = 0; i < count; i++) {
                Message message = new Message(topic, i % 2 == 0 ? "paid" : "created", "order-" + i,
                        ("order " + i).getBytes(StandardCharsets.UTF_8));
                message.putUserProperty("region", eu.test(i) ? "eu" : "us");
                ids.add(producer.send(message).getMsgId());
            }
        } finally {
            producer.shutdown();
        }
        return ids;
    }

    /**
     * Consumes {@code topic} with {@code group}, sending the messages whose ids are in {@code dead} straight to the
     * group's dead-letter topic, until every one of {@code ids} was delivered and the dead letters are stored; returns
     * once the consumer is stopped and the group is offline.
     */
    public static void deadLetter(String nameServer, RocketMqAdmin admin, String group, String topic,
            Collection<String> ids, Set<String> dead, Duration patience) {
        try (RecordingConsumer broken = RecordingConsumer.on(nameServer, group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).deadLettering(m -> dead.contains(m.getMsgId())).start()) {
            broken.await(() -> broken.labels().containsAll(ids) && stored(admin, group) == dead.size(), patience,
                    "every message consumed or stored as a dead letter");
        }
        await().atMost(patience).until(() -> !admin.isOnline(group));
    }

    /** The dead letters stored for {@code group}, every queue; 0 while its dead-letter topic does not exist. */
    public static long stored(RocketMqAdmin admin, String group) {
        try {
            return admin.queues(DeadLetters.topicOf(group)).stream()
                    .mapToLong(q -> admin.maxOffset(q.brokerAddress(), q.queue())).sum();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }
}
