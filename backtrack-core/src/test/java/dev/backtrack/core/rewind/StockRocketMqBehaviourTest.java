package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
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
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker();

    private static final DateTimeFormatter CLIENT_FORM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Test
    void aNewGroupOnAYoungTopicStartsAtOffsetZeroWhateverItsTimestamp(EmbeddedRocketMq mq) throws Exception {
        String topic = "stock-young-" + UUID.randomUUID().toString().substring(0, 8);
        mq.createTopic(topic, 1);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        StoredMessages.send(mq, topic, List.of(queue), 5, "young-");

        // A start time an hour in the future: nothing stored should be consumed, yet all five are.
        String future = LocalDateTime.now().plusHours(1).format(CLIENT_FORM);
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = timestampConsumer("stock-young-" + UUID.randomUUID(), topic, future, received);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 5);
            assertThat(received.keySet()).containsExactlyInAnyOrder("young-0", "young-1", "young-2", "young-3",
                    "young-4");
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void aGroupWithAStoredOffsetIgnoresItsTimestamp(EmbeddedRocketMq mq) throws Exception {
        String topic = "stock-existing-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "stock-existing-" + UUID.randomUUID();
        mq.createTopic(topic, 1);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        StoredMessages.send(mq, topic, List.of(queue), 3, "old-");
        String brokerAddress = mq.brokerAddresses().get(0);
        try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            admin.ensureGroup(brokerAddress, group);
            admin.writeOffset(brokerAddress, group, queue, 3); // the group has consumed all three
            assertThat(admin.committedOffset(brokerAddress, group, queue)).isEqualTo(3L);
        }

        // A start time before every message: RocketMQ keeps the stored offset, so nothing old comes again.
        String past = LocalDateTime.now().minusDays(1).format(CLIENT_FORM);
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = timestampConsumer(group, topic, past, received);
        try {
            StoredMessages.send(mq, topic, List.of(queue), 1, "new-");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.containsKey("new-0"));
            assertThat(received.keySet()).containsExactly("new-0");
        } finally {
            consumer.shutdown();
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
            producer.shutdown();
        }
        Map<String, MessageExt> received = new java.util.concurrent.ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("stock-delayed-" + UUID.randomUUID());
        consumer.setNamesrvAddr(mq.nameServerAddress());
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.put(new String(m.getBody(), StandardCharsets.UTF_8), m));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> received.containsKey("delayed"));
            MessageExt delivered = received.get("delayed");
            assertThat(delivered.getTopic()).isEqualTo(topic);
            assertThat(delivered.getStoreTimestamp() - delivered.getBornTimestamp())
                    .as("store time in the real topic is the delivery time, at least 1 s after birth")
                    .isGreaterThanOrEqualTo(1_000);
        } finally {
            consumer.shutdown();
        }
    }

    private static DefaultMQPushConsumer timestampConsumer(String group, String topic, String timestamp,
            Map<String, Integer> received) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(MQ.nameServerAddress());
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        consumer.setConsumeTimestamp(timestamp);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                received.merge(StoredMessages.label(message.getBody()), 1, Integer::sum);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }
}
