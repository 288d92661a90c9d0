package dev.backtrack.core.positioning;

import static org.awaitility.Awaitility.await;

import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/** Messages for the positioner tests, sent a few milliseconds apart, with the store times the broker gave them. */
final class PositionerMessages {

    private PositionerMessages() {
    }

    /** Sends {@code m-0} to {@code m-<count-1>} to {@code topic} and returns their store times once all are stored. */
    static List<Long> send(EmbeddedRocketMqExtension mq, String topic, int count) throws Exception {
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        List<SendResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                results.add(producer.send(new Message(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8))));
                Thread.sleep(3); // distinct store times for the positions the tests pick
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        var store = mq.rocketMq().brokers().get(0).controller().getMessageStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(r -> store.getMessageStoreTimeStamp(
                topic, r.getMessageQueue().getQueueId(), r.getQueueOffset()) > 0));
        List<Long> times = new ArrayList<>();
        for (SendResult r : results) {
            times.add(store.getMessageStoreTimeStamp(topic, r.getMessageQueue().getQueueId(), r.getQueueOffset()));
        }
        return times;
    }
}
