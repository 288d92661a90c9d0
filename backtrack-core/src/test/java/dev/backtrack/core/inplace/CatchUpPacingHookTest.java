package dev.backtrack.core.inplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.hook.ConsumeMessageContext;
import org.apache.rocketmq.client.hook.ConsumeMessageHook;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pacing of a rate-limited rewind is added to a consumer that is running, while its consume threads walk its
 * hooks: the batch being consumed at that instant still reaches the listener (with RocketMQ's own
 * {@code registerConsumeMessageHook} it failed with a ConcurrentModificationException and stayed unacknowledged).
 */
class CatchUpPacingHookTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void theBatchWhoseThreadWalksTheHooksWhileThePacingIsAddedIsStillConsumed(EmbeddedRocketMq mq) throws Exception {
        String topic = "pacing-hook";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        CountDownLatch inHook = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> hookFailure = new AtomicReference<>();
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), "pacing-hook-g", topic,
                received, c -> c.getDefaultMQPushConsumerImpl().registerConsumeMessageHook(new ConsumeMessageHook() {
                    @Override
                    public String hookName() {
                        return "held-open"; // stands for a hook the application has, e.g. RocketMQ's trace hook
                    }

                    @Override
                    public void consumeMessageBefore(ConsumeMessageContext context) {
                        inHook.countDown();
                        try {
                            release.await(120, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            hookFailure.set(e);
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void consumeMessageAfter(ConsumeMessageContext context) {
                        // nothing after the listener
                    }
                }));
        try {
            StoredMessages.send(mq, topic, List.of(queue), 1, "walked-");
            assertThat(inHook.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .as("a consume thread walks the consumer's hooks").isTrue();

            // A rewind at a rate starts the pacing (and adds its hook) while that thread is between two hooks.
            MessageQueue rewound = new MessageQueue(topic, queue.getBrokerName(), queue.getQueueId());
            CatchUpPacing pacing = CatchUpPacing.of(consumer);
            pacing.start(SendRate.parse("1000/s"), Map.of(rewound, 10L), Map.of(rewound, 0L));
            assertThat(pacing.active()).isTrue();
            release.countDown();

            await("the batch whose thread walked the hooks").atMost(PATIENCE)
                    .until(() -> received.getOrDefault("walked-0", 0) == 1);
            assertThat(hookFailure.get()).isNull();
            assertThat(consumer.getDefaultMQPushConsumerImpl().hasHook()).isTrue();

            // The pacing's hook is in place for the next batches: a message after the catch-up point passes it.
            pacing.stop();
            StoredMessages.send(mq, topic, List.of(queue), 1, "next-");
            await("the next batch").atMost(PATIENCE).until(() -> received.getOrDefault("next-0", 0) == 1);
        } finally {
            release.countDown();
            consumer.shutdown();
        }
    }
}
