package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What RocketMQ itself does with CONSUME_FROM_TIMESTAMP and delayed messages, on a real broker: the behaviour that
 * docs/rocketmq-behaviour.md describes and Backtrack works around.
 */
class StockRocketMqBehaviourTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final DateTimeFormatter CLIENT_FORM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Test
    void aNewGroupOnAYoungTopicStartsAtOffsetZeroWhateverItsTimestamp(EmbeddedRocketMq mq) throws Exception {
        String topic = "stock-young-" + UUID.randomUUID().toString().substring(0, 8);
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        StoredMessages.send(mq, topic, List.of(queue), 5, "young-");

        // A start time an hour in the future: nothing stored should be consumed, yet all five are.
        String future = LocalDateTime.now().plusHours(1).format(CLIENT_FORM);
        try (RecordingConsumer consumer = timestampConsumer("stock-young-" + UUID.randomUUID(), topic, future)) {
            consumer.awaitCount(5, Duration.ofSeconds(30));
            assertThat(consumer.labels()).containsExactlyInAnyOrder("young-0", "young-1", "young-2", "young-3",
                    "young-4");
        }
    }

    @Test
    void aGroupWithAStoredOffsetIgnoresItsTimestamp(EmbeddedRocketMq mq) throws Exception {
        String topic = "stock-existing-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "stock-existing-" + UUID.randomUUID();
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        StoredMessages.send(mq, topic, List.of(queue), 3, "old-");
        String brokerAddress = mq.brokerAddresses().get(0);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            admin.ensureGroup(brokerAddress, group);
            admin.writeOffset(brokerAddress, group, queue, 3); // the group has consumed all three
            assertThat(admin.committedOffset(brokerAddress, group, queue)).isEqualTo(3L);
        }

        // A start time before every message: RocketMQ keeps the stored offset, so nothing old comes again.
        String past = LocalDateTime.now().minusDays(1).format(CLIENT_FORM);
        try (RecordingConsumer consumer = timestampConsumer(group, topic, past)) {
            StoredMessages.send(mq, topic, List.of(queue), 1, "new-");
            consumer.awaitLabels(List.of("new-0"), Duration.ofSeconds(30));
            assertThat(consumer.labels()).containsExactly("new-0");
        }
    }

    @Test
    void aDelayedMessageIsStoredInItsTopicWhenItBecomesDue(EmbeddedRocketMq mq) throws Exception {
        String topic = "stock-delayed-" + UUID.randomUUID().toString().substring(0, 8);
        mq.createTopic(topic, 1);
        DefaultMQProducer producer = StoredMessages.producer(mq.nameServerAddress());
        try {
            Message message = new Message(topic, "delayed".getBytes(StandardCharsets.UTF_8));
            message.setDelayTimeLevel(1); // 1 s
            SendResult sent = producer.send(message);
            assertThat(sent.getMessageQueue().getTopic()).isEqualTo(topic);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(),
                "stock-delayed-" + UUID.randomUUID(), topic)) {
            consumer.awaitLabels(List.of("delayed"), Duration.ofSeconds(30));
            MessageExt delivered = consumer.message("delayed");
            assertThat(delivered.getTopic()).isEqualTo(topic);
            assertThat(delivered.getStoreTimestamp() - delivered.getBornTimestamp())
                    .as("store time in the real topic is the delivery time, at least 1 s after birth")
                    .isGreaterThanOrEqualTo(1_000);
        }
    }

    private static RecordingConsumer timestampConsumer(String group, String topic, String timestamp) {
        return RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(m -> StoredMessages.label(m.getBody()))
                .fromTimestamp(timestamp)
                .start();
    }
}
