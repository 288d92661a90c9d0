package dev.backtrack.core.inplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rewound queue is pulled again at once, without a rebalance, and by a single pull loop. */
class ImmediatePullTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void theReplayArrivesWhileTheConsumersRebalanceCannotRun(EmbeddedRocketMq mq) throws Exception {
        String topic = "pull-at-once";
        String group = "pull-at-once-g";
        mq.createTopic(topic, 2);
        List<MessageQueue> queues = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-a", 1));
        List<Stored> stored = StoredMessages.send(mq, topic, queues, 10, "a-");
        Map<String, Integer> received = StoredMessages.sink();
        AtomicBoolean blockRebalance = new AtomicBoolean();
        CountDownLatch rebalanceBlocked = new CountDownLatch(1);
        CountDownLatch releaseRebalance = new CountDownLatch(1);
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received,
                c -> c.setAllocateMessageQueueStrategy(new AllocateMessageQueueAveragely() {
                    @Override
                    public List<MessageQueue> allocate(String consumerGroup, String currentCid,
                            List<MessageQueue> mqAll, List<String> cidAll) {
                        if (blockRebalance.get()) {
                            rebalanceBlocked.countDown();
                            try {
                                releaseRebalance.await(120, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return super.allocate(consumerGroup, currentCid, mqAll, cidAll);
                    }
                }));
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            await().atMost(PATIENCE).until(() -> received.size() == 10);
            // The consumer's only rebalance thread now hangs: a queue given back to the rebalance is never taken again.
            blockRebalance.set(true);
            consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().rebalanceImmediately();
            assertThat(rebalanceBlocked.await(60, TimeUnit.SECONDS)).isTrue();

            long t = stored.get(4).storeTime();
            Set<String> replayed = StoredMessages.bodiesAtOrAfter(stored, t);
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            AppliedRewind applied = new InProcessRewinder(admin).apply(plan, consumer);
            assertThat(applied.verifiedOffsets()).hasSize(2);

            await("the replay, with the rebalance blocked").atMost(PATIENCE)
                    .until(() -> replayed.stream().allMatch(b -> received.getOrDefault(b, 0) == 2));
            StoredMessages.assertReceivedAgainOnce(received, replayed);
        } finally {
            releaseRebalance.countDown();
            consumer.shutdown();
        }
    }

    @Test
    void consecutiveRewindsLeaveOnePullLoopPerQueue(EmbeddedRocketMq mq) throws Exception {
        String topic = "one-loop";
        String group = "one-loop-g";
        mq.createTopic(topic, 2);
        List<MessageQueue> queues = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-a", 1));
        List<Stored> stored = StoredMessages.send(mq, topic, queues, 20, "b-");
        Map<String, Integer> received = StoredMessages.sink();
        Map<String, Integer> expected = new HashMap<>();
        stored.forEach(s -> expected.put(s.body(), 1));
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            await().atMost(PATIENCE).until(() -> received.equals(expected));
            for (int index : new int[] {10, 4, 16, 0, 8}) {
                long t = stored.get(index).storeTime();
                StoredMessages.bodiesAtOrAfter(stored, t).forEach(b -> expected.merge(b, 1, Integer::sum));
                new InProcessRewinder(admin).apply(new RewindPlanner(admin).plan(group, topic, t), consumer);
                await("the replay from b-" + index).atMost(PATIENCE).until(() -> received.equals(expected));
            }
            // A queue pulled by a second loop gets every new message twice.
            List<Stored> after = StoredMessages.send(mq, topic, queues, 10, "new-");
            after.forEach(s -> expected.put(s.body(), 1));
            await("the new messages").atMost(PATIENCE).until(() -> received.keySet().containsAll(expected.keySet()));
            await("no message delivered twice").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(received).containsExactlyInAnyOrderEntriesOf(expected));
        } finally {
            consumer.shutdown();
        }
    }
}
