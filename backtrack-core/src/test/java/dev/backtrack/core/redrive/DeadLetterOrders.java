package dev.backtrack.core.redrive;

import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * Orders for the redrive tests of every module, sent by a plain producer; {@link dev.backtrack.core.DeadLetterMaker}
 * turns the picked ones into dead letters.
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
            TestClients.shutDownInBackground(producer);
        }
        return ids;
    }
}
