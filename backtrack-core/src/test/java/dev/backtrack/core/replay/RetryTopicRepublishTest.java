package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a plain clustering push consumer does with a message published into its group's retry topic
 * {@code %RETRY%<group>} with the retry-topic property naming the original topic: the mechanism window replay builds
 * on (docs/rocketmq-behaviour.md).
 */
class RetryTopicRepublishTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void theListenerGetsTheMessageUnderItsOriginalTopicWithEverythingKeptAndTheTagExpressionNotApplied(
            EmbeddedRocketMq mq) throws Exception {
        String topic = "retry-fact-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "retry-fact-" + UUID.randomUUID();
        mq.createTopic(topic, 2);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        routedRetryTopic(mq, group);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
                RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                        .tags("red").start()) {
            Message original = new Message(topic, "red", "key-1", "body-1".getBytes(StandardCharsets.UTF_8));
            original.putUserProperty("shop", "42");
            SendResult sent = producer.send(original);
            consumer.awaitLabels(List.of("body-1"), Duration.ofSeconds(30));

            String retryTopic = MixAll.getRetryTopic(group);
            Message again = new Message(retryTopic, "red", "key-1", "body-1-again".getBytes(StandardCharsets.UTF_8));
            again.putUserProperty("shop", "42");
            MessageAccessor.putProperty(again, MessageConst.PROPERTY_RETRY_TOPIC, topic);
            MessageAccessor.putProperty(again, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, sent.getMsgId());
            Message blue = new Message(retryTopic, "blue", "key-2", "body-2-blue".getBytes(StandardCharsets.UTF_8));
            MessageAccessor.putProperty(blue, MessageConst.PROPERTY_RETRY_TOPIC, topic);
            assertThat(producer.send(again).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(producer.send(blue).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

            consumer.awaitLabels(List.of("body-1-again", "body-2-blue"), Duration.ofSeconds(30));
            MessageExt received = consumer.message("body-1-again");
            assertThat(received.getTopic()).isEqualTo(topic);
            assertThat(received.getTags()).isEqualTo("red");
            assertThat(received.getKeys()).isEqualTo("key-1");
            assertThat(received.getUserProperty("shop")).isEqualTo("42");
            assertThat(received.getMsgId()).as("the producer keeps a unique key it is given").isEqualTo(sent.getMsgId());
            assertThat(received.getReconsumeTimes()).isZero();
            assertThat(consumer.message("body-2-blue").getTopic())
                    .as("the retry topic is subscribed with '*': the group's tag expression is not applied")
                    .isEqualTo(topic);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    @Test
    void aFailedReplayedMessageIsRetriedWithCountsThenGoesToTheDeadLetterQueue(EmbeddedRocketMq mq) throws Exception {
        String topic = "retry-fail-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "retry-fail-" + UUID.randomUUID();
        mq.createTopic(topic, 1);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> reconsumeTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
        routedRetryTopic(mq, group);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
                RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                        .configure(c -> {
                            c.setMaxReconsumeTimes(1);
                            c.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                                messages.forEach(m -> reconsumeTimes.add(m.getReconsumeTimes()));
                                attempts.incrementAndGet();
                                context.setDelayLevelWhenNextConsume(1); // 1 s rather than 10 s
                                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                            });
                        }).start()) {
            String retryTopic = MixAll.getRetryTopic(group);
            Message again = new Message(retryTopic, "x", "k", "failing".getBytes(StandardCharsets.UTF_8));
            MessageAccessor.putProperty(again, MessageConst.PROPERTY_RETRY_TOPIC, topic);
            assertThat(producer.send(again).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

            String dlq = MixAll.getDLQTopic(group);
            MessageQueue dlqQueue = new MessageQueue(dlq, "broker-a", 0);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> admin.holdsTopic(mq.brokerAddresses().get(0), dlq)
                            && admin.maxOffset(mq.brokerAddresses().get(0), dlqQueue) == 1);
            assertThat(reconsumeTimes).as("first delivery, then one retry").containsExactly(0, 1);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    @Test
    void aGroupThatNeverRanHasNoRetryTopicAndReadsOneCreatedForItFromItsStartWhenItStarts(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "retry-new-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "retry-new-" + UUID.randomUUID();
        mq.createTopic(topic, 1);
        String retryTopic = MixAll.getRetryTopic(group);
        String broker = mq.brokerAddresses().get(0);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            assertThat(admin.holdsTopic(broker, retryTopic)).isFalse();
            admin.ensureTopic(retryTopic, 1);
            admin.ensureGroup(broker, group);
            Message again = new Message(retryTopic, "x", "k", "waiting".getBytes(StandardCharsets.UTF_8));
            MessageAccessor.putProperty(again, MessageConst.PROPERTY_RETRY_TOPIC, topic);
            assertThat(producer.send(again).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                    .configure(c -> c.setConsumeFromWhere(
                            org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET)).start()) {
                consumer.awaitLabels(List.of("waiting"), Duration.ofSeconds(30));
                assertThat(consumer.message("waiting").getTopic()).isEqualTo(topic);
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    /**
     * Creates the group's retry topic before its consumer starts: a consumer that starts before the topic exists
     * (its first heartbeat creates it) only sees it routed at its next route refresh, up to 30 s later.
     */
    private static void routedRetryTopic(EmbeddedRocketMq mq, String group) {
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        }
    }
}
