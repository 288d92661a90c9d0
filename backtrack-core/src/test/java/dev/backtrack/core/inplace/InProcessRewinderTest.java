package dev.backtrack.core.inplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rewinding a running consumer in place: with a message being processed, after a broker reset, and failing. */
class InProcessRewinderTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aMessageInFlightFinishesButItsCommitDoesNotOverwriteTheNewPosition(EmbeddedRocketMq mq) throws Exception {
        String topic = "in-flight";
        String group = "in-flight-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 10, "f-");
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Integer> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = TestClients.sizedForLoad(new DefaultMQPushConsumer(group));
        consumer.setNamesrvAddr(mq.nameServerAddress());
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
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            assertThat(inFlight.await(90, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 9); // f-0..f-8 done, f-9 in flight

            long t = stored.get(3).storeTime();
            // f-i is at offset i; f-2 may share f-3's millisecond, then it is replayed too.
            long target = stored.stream().filter(s -> s.storeTime() >= t).mapToLong(Stored::offset).min().orElseThrow();
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            AppliedRewind applied = new InProcessRewinder(admin).apply(plan, consumer);
            assertThat(applied.path()).isEqualTo(RewindPath.IN_PROCESS);
            assertThat(applied.verifiedOffsets()).containsEntry("broker-a/0", target);
            release.countDown();

            await().atMost(Duration.ofSeconds(60)).until(() -> received.getOrDefault("f-9", 0) >= 2);
            for (int i = 0; i <= 8; i++) {
                assertThat(received.get("f-" + i)).as("f-" + i + (i >= target ? " replayed" : " not replayed"))
                        .isEqualTo(i >= target ? 2 : 1);
            }
        } finally {
            release.countDown();
            consumer.shutdown();
        }
    }

    @Test
    void aRewindRightAfterABrokerResetMovesToItsOwnTargetNotToThePendingReset(EmbeddedRocketMq mq) throws Exception {
        String topic = "after-reset";
        String group = "after-reset-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 10, "p-");
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            String address = mq.brokers().get(0).address();
            await().atMost(PATIENCE).until(() -> received.size() == 10);
            await("the consumer commits what it consumed").atMost(PATIENCE)
                    .until(() -> Long.valueOf(10).equals(admin.committedOffset(address, group, queue)));
            // A broker-driven reset to 2: it waits on the broker until the consumer's next pull (its long poll).
            admin.resetThroughBroker(address, group, queue, 2);

            long t = stored.get(6).storeTime();
            Set<String> replayed = StoredMessages.bodiesAtOrAfter(stored, t);
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            long target = plan.queues().get(0).targetOffset();
            assertThat(target).isEqualTo(10 - replayed.size()).isGreaterThan(2);

            AppliedRewind applied = new InProcessRewinder(admin).apply(plan, consumer);
            assertThat(applied.verifiedOffsets()).containsExactly(Map.entry("broker-a/0", target));
            StoredMessages.awaitReplayed(received, replayed, PATIENCE);
            StoredMessages.assertNothingElseReplayed(mq, queue, received, replayed, PATIENCE);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void theOldPullLoopsPendingLongPollNeverCommitsItsOffsetOverTheTarget(EmbeddedRocketMq mq) throws Exception {
        String topic = "old-long-poll";
        String group = "old-long-poll-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 10, "o-");
        Map<String, Integer> received = new ConcurrentHashMap<>();
        AtomicBoolean hold = new AtomicBoolean();
        AtomicInteger held = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received, c -> {
            c.setConsumeMessageBatchMaxSize(1);
            c.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                for (MessageExt message : messages) {
                    if (hold.get()) {
                        held.incrementAndGet();
                        try {
                            release.await(120, TimeUnit.SECONDS); // the replay is slow: nothing of it is done yet
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    received.merge(StoredMessages.label(message.getBody()), 1, Integer::sum);
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
        });
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            String address = mq.brokers().get(0).address();
            await().atMost(PATIENCE).until(() -> received.size() == 10);
            await("the consumer commits what it consumed").atMost(PATIENCE)
                    .until(() -> Long.valueOf(10).equals(admin.committedOffset(address, group, queue)));
            // The consumer's pull now waits on the broker (a long poll of up to 15 s) for a message after offset 10.
            long t = stored.get(3).storeTime();
            Set<String> replayed = StoredMessages.bodiesAtOrAfter(stored, t);
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            long target = plan.queues().get(0).targetOffset();
            hold.set(true);
            new InProcessRewinder(admin).apply(plan, consumer);
            await("every replayed message in the listener").atMost(PATIENCE).until(() -> held.get() == replayed.size());

            // That pull ends empty within 15 s; RocketMQ would then store offset 10 for the queue, committed a second
            // later, although the replay from the target has not finished.
            await("the committed offset staying at the target while the replay is in progress")
                    .during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(40))
                    .until(() -> Long.valueOf(target).equals(admin.committedOffset(address, group, queue)));

            release.countDown();
            StoredMessages.awaitReplayed(received, replayed, PATIENCE);
            StoredMessages.assertReceivedAgainOnce(received, replayed);
        } finally {
            release.countDown();
            consumer.shutdown();
        }
    }

    @Test
    void aFailedRewindStillHasTheConsumerTakeItsQueuesAgainAtOnce(EmbeddedRocketMq mq) throws Exception {
        String topic = "failing";
        String group = "failing-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 5, "x-");
        Map<String, Integer> received = StoredMessages.sink();
        Map<String, Long> allocations = new ConcurrentHashMap<>(); // topic -> when the consumer last rebalanced it
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received,
                c -> c.setAllocateMessageQueueStrategy(new AllocateMessageQueueAveragely() {
                    @Override
                    public List<MessageQueue> allocate(String consumerGroup, String currentCid,
                            List<MessageQueue> mqAll, List<String> cidAll) {
                        mqAll.forEach(q -> allocations.put(q.getTopic(), System.nanoTime()));
                        return super.allocate(consumerGroup, currentCid, mqAll, cidAll);
                    }
                }));
        Map<MessageQueue, ?> held = consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable();
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            await().atMost(PATIENCE).until(() -> received.size() == 5);
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, stored.get(2).storeTime());
            List<QueueRewind> queues = new ArrayList<>(plan.queues());
            queues.add(new QueueRewind("broker-gone", "127.0.0.1:1", 0, 0, 5, null, 0, null, 5, 0));
            RewindPlan broken = new RewindPlan(group, topic, plan.requestedTimestamp(), queues, 8, 0, false, null,
                    false);
            // Right after a rebalance the next periodic one is 20 s away: only the rewinder can bring the queue back.
            long before = System.nanoTime();
            consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().rebalanceImmediately();
            await().atMost(PATIENCE).until(() -> allocations.getOrDefault(topic, before) > before);

            assertThatThrownBy(() -> new InProcessRewinder(admin).apply(broken, consumer))
                    .isInstanceOf(RewindException.class)
                    .hasMessageContaining("broker 127.0.0.1:1")
                    .hasMessageContaining("does not answer");

            await("the consumer holds its queue again").atMost(PATIENCE)
                    .until(() -> held.containsKey(queue));
            StoredMessages.send(mq, topic, List.of(queue), 1, "after-");
            await("a new message is consumed").atMost(PATIENCE)
                    .until(() -> received.containsKey("after-0"));
        } finally {
            consumer.shutdown();
        }
    }
}
