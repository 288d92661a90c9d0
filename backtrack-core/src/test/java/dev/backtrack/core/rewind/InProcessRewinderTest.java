package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rewinding a running consumer in place, with a message still being processed while it happens. */
class InProcessRewinderTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker();

    @Test
    void aMessageInFlightFinishesButItsCommitDoesNotOverwriteTheNewPosition(EmbeddedRocketMq mq) throws Exception {
        String topic = "in-flight";
        String group = "in-flight-g";
        mq.createTopic(topic, 1);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(new MessageQueue(topic, "broker-a", 0)), 10, "f-");
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Integer> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(mq.nameServerAddress());
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeMessageBatchMaxSize(1);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                String body = new String(message.getBody(), StandardCharsets.UTF_8);
                if (body.equals("f-9") && received.getOrDefault("f-9", 0) == 0) {
                    inFlight.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS); // still being processed while the rewind happens
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.merge(body, 1, Integer::sum);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            assertThat(inFlight.await(90, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 9); // f-0..f-8 done, f-9 in flight

            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, stored.get(3).storeTime());
            AppliedRewind applied = new InProcessRewinder(admin).apply(plan, consumer);
            assertThat(applied.path()).isEqualTo(RewindPath.IN_PROCESS);
            assertThat(applied.verifiedOffsets()).containsEntry("broker-a/0", 3L);
            release.countDown();

            await().atMost(Duration.ofSeconds(60)).until(() -> received.getOrDefault("f-9", 0) >= 2);
            for (int i = 3; i <= 8; i++) {
                assertThat(received.get("f-" + i)).as("f-" + i + " replayed").isEqualTo(2);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(received.get("f-" + i)).as("f-" + i + " not replayed").isEqualTo(1);
            }
        } finally {
            release.countDown();
            consumer.shutdown();
        }
    }
}
