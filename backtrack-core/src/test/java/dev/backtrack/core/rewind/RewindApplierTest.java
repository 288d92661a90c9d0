package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies rewinds on a real two-broker cluster and proves each with a plain RocketMQ push consumer. */
class RewindApplierTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RewindApplierTest.class);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);
    private final RewindPlanner planner = new RewindPlanner(admin);
    private final RewindApplier applier = new RewindApplier(admin);

    @Test
    void aNewGroupStartsAtTAndReceivesExactlyTheMessagesStoredAtOrAfterIt(EmbeddedRocketMq mq) throws Exception {
        String topic = "spread";
        String group = "spread-new";
        mq.createTopic(topic, 4);
        List<MessageQueue> used = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-a", 2),
                new MessageQueue(topic, "broker-b", 1), new MessageQueue(topic, "broker-b", 3),
                new MessageQueue(topic, "broker-b", 0));
        List<Stored> stored = StoredMessages.send(mq, topic, used, 60, "s-");
        long t = stored.get(27).storeTime();
        Set<String> expected = StoredMessages.bodiesAtOrAfter(stored, t);

        RewindPlan plan = planner.plan(group, topic, t);
        assertThat(plan.queues()).hasSize(8);
        assertThat(plan.queues()).allMatch(q -> q.committedOffset() == null);
        assertThat(plan.queues().stream().filter(q -> q.maxOffset() == 0)).as("empty queues").hasSize(3);
        assertThat(plan.messagesToReplay()).isEqualTo(expected.size());

        AppliedRewind applied = applier.apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(applied.note()).contains("no consumer of the group was connected");
        assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));
        assertThat(applied.plan()).isSameAs(plan);
        assertThat(applied.appliedAt()).isGreaterThanOrEqualTo(t);

        assertThat(StoredMessages.consumeUntilReceived(mq.nameServerAddress(), group, topic, expected, PATIENCE))
                .as("none missing, none earlier").isEqualTo(expected);
    }

    @Test
    void anExistingGroupPastTIsMovedBackAndReplaysOnlyWhatFollowsT(EmbeddedRocketMq mq) throws Exception {
        String topic = "existing";
        String group = "existing-g";
        mq.createTopic(topic, 2);
        List<MessageQueue> used = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-b", 1));
        List<Stored> stored = StoredMessages.send(mq, topic, used, 30, "e-");
        Map<String, Integer> firstPass = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, firstPass);
        await().atMost(PATIENCE).until(() -> firstPass.size() == 30);
        consumer.shutdown(); // commits its offsets on the brokers and disconnects

        long t = stored.get(20).storeTime();
        Set<String> expected = StoredMessages.bodiesAtOrAfter(stored, t);
        RewindPlan plan = planner.plan(group, topic, t);
        assertThat(plan.queues()).filteredOn(q -> q.maxOffset() > 0)
                .allMatch(q -> q.committedOffset() != null && q.committedOffset() == q.maxOffset());
        assertThat(plan.messagesToReplay()).isEqualTo(expected.size()).isPositive();
        assertThat(plan.messagesToSkip()).isZero();

        AppliedRewind applied = applier.apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));

        assertThat(StoredMessages.consumeUntilReceived(mq.nameServerAddress(), group, topic, expected, PATIENCE))
                .isEqualTo(expected);
    }

    @Test
    void anOnlineGroupIsResetThroughTheBrokersAndReplaysWhileRunning(EmbeddedRocketMq mq) throws Exception {
        String topic = "online";
        String group = "online-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 10, "o-");
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received);
        try {
            await().atMost(PATIENCE).until(() -> received.size() == 10);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            await("the consumer commits what it consumed").atMost(PATIENCE).until(() -> Long.valueOf(10)
                    .equals(planner.plan(group, topic, 0).queues().get(0).committedOffset()));
            long t = stored.get(5).storeTime();
            Set<String> replayed = StoredMessages.bodiesAtOrAfter(stored, t);
            RewindPlan plan = planner.plan(group, topic, t);
            assertThat(plan.messagesToReplay()).isEqualTo(replayed.size());

            long start = System.nanoTime();
            AppliedRewind applied = applier.apply(plan);
            assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
            assertThat(applied.note()).contains("broker-driven").contains("10-30 s");
            assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan))
                    .containsEntry("broker-a/0", stored.stream().filter(s -> s.storeTime() >= t)
                            .mapToLong(Stored::offset).min().orElseThrow());

            // An idle queue's consumer is parked in a long poll (up to ~20 s); a new message ends it at once.
            StoredMessages.send(mq, topic, List.of(queue), 1, "wake-");
            StoredMessages.awaitReplayed(received, replayed, PATIENCE);
            log.info("Broker-driven reset: every message at or after T came again {} ms after apply",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            await().atMost(PATIENCE).until(() -> received.containsKey("wake-0"));
            StoredMessages.assertReceivedAgainOnce(received, replayed);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void anOnlineGroupIsLeftUntouchedWhereABrokerCannotResetItExactly(EmbeddedRocketMq mq) throws Exception {
        String topic = "client-reset";
        String group = "client-reset-g";
        mq.createTopic(topic, 1);
        List<Stored> stored = StoredMessages.send(mq, topic,
                List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-b", 0)), 6, "r-");
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received);
        BrokerConfig brokerA = mq.brokers().get(0).controller().getBrokerConfig();
        try {
            await().atMost(PATIENCE).until(() -> received.size() == 6);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            await().atMost(PATIENCE).until(() -> planner.plan(group, topic, 0).queues().stream()
                    .allMatch(q -> q.committedOffset() != null && q.committedOffset() == 3));
            RewindPlan plan = planner.plan(group, topic, stored.get(0).storeTime());
            brokerA.setUseServerSideResetOffset(false);

            assertThatThrownBy(() -> applier.apply(plan))
                    .isInstanceOf(RewindException.class)
                    .hasMessageContaining("Cannot rewind group 'client-reset-g' while its consumers are connected: "
                            + "broker(s) broker-a (" + mq.brokers().get(0).address() + ") do not reset offsets on the "
                            + "server side (useServerSideResetOffset is off)")
                    .hasMessageContaining("Nothing was changed")
                    .hasMessageNotContaining("broker-b");
            assertThat(planner.plan(group, topic, 0).queues()).extracting(QueueRewind::committedOffset)
                    .containsExactly(3L, 3L);
            assertThat(received.values()).containsOnly(1);
        } finally {
            brokerA.setUseServerSideResetOffset(true);
            consumer.shutdown();
        }
    }

    @Test
    void aWriteTheBrokerIgnoresBecauseOfAPendingResetIsRedoneThroughTheBroker(EmbeddedRocketMq mq) throws Exception {
        String topic = "pending";
        String group = "pending-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 10, "q-");
        String address = mq.brokers().get(0).address();
        // A broker-driven reset of a group nobody consumes: it waits on the broker for a consumer's pull.
        admin.ensureGroup(address, group);
        admin.resetThroughBroker(address, group, queue, 2);
        admin.writeOffset(address, group, queue, 7);
        assertThat(admin.committedOffset(address, group, queue)).as("direct writes are ignored meanwhile").isEqualTo(2);

        long t = stored.get(6).storeTime();
        Set<String> expected = StoredMessages.bodiesAtOrAfter(stored, t);
        RewindPlan plan = planner.plan(group, topic, t);
        AppliedRewind applied = applier.apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan)).containsEntry("broker-a/0", 10L - expected.size());

        assertThat(StoredMessages.consumeUntilReceived(mq.nameServerAddress(), group, topic, expected, PATIENCE))
                .isEqualTo(expected);
    }

    private static Map<String, Long> targets(RewindPlan plan) {
        return plan.queues().stream().collect(Collectors.toMap(q -> q.broker() + "/" + q.queueId(),
                QueueRewind::targetOffset, (a, b) -> a, LinkedHashMap::new));
    }
}
