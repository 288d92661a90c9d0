package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans and applies rewinds on a real two-broker cluster, then proves them with a real consumer. */
class RewindPlannerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static RocketMqAdmin admin;

    @BeforeAll
    static void connect() {
        admin = new RocketMqAdmin(AdminSettings.of(MQ.nameServerAddress()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void positionsToTheMillisecondOfStoreTime(EmbeddedRocketMq mq) throws Exception {
        String topic = "precision";
        mq.createTopic(topic, 2);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 400, "p-");
        RewindPlanner planner = new RewindPlanner(admin);

        // two neighbours stored exactly 1 ms apart
        int i = findNeighboursOneMillisecondApart(stored);
        Stored before = stored.get(i);
        Stored after = stored.get(i + 1);
        assertThat(targetOn(planner.plan("precision-g", topic, after.storeTime()), queue))
                .as("T equal to a message's store time includes it").isEqualTo(after.offset());
        assertThat(targetOn(planner.plan("precision-g", topic, before.storeTime() + 1), queue))
                .as("T one ms after a message's store time excludes it").isEqualTo(after.offset());
        assertThat(targetOn(planner.plan("precision-g", topic, before.storeTime()), queue))
                .isLessThanOrEqualTo(before.offset());

        // messages sharing one millisecond are included or excluded together
        int first = findRunSharingAMillisecond(stored);
        long shared = stored.get(first).storeTime();
        int last = first;
        while (last + 1 < stored.size() && stored.get(last + 1).storeTime() == shared) {
            last++;
        }
        QueueRewind included = queueOf(planner.plan("precision-g", topic, shared), queue);
        assertThat(included.targetOffset()).isEqualTo(stored.get(first).offset());
        assertThat(included.targetStoreTimestamp()).isEqualTo(shared);
        assertThat(targetOn(planner.plan("precision-g", topic, shared + 1), queue))
                .isEqualTo(stored.get(last).offset() + 1);
    }

    @Test
    void aNewGroupReplaysExactlyTheMessagesStoredAtOrAfterT(EmbeddedRocketMq mq) throws Exception {
        String topic = "spread";
        mq.createTopic(topic, 4);
        List<MessageQueue> used = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-a", 2),
                new MessageQueue(topic, "broker-b", 1), new MessageQueue(topic, "broker-b", 3),
                new MessageQueue(topic, "broker-b", 0));
        List<Stored> stored = StoredMessages.send(mq, topic, used, 60, "s-");
        long t = stored.get(27).storeTime();
        Set<String> expected = StoredMessages.bodiesAtOrAfter(stored, t);

        RewindPlan plan = new RewindPlanner(admin).plan("spread-new", topic, t);
        assertThat(plan.queues()).hasSize(8);
        assertThat(plan.queues()).extracting(QueueRewind::broker).containsOnly("broker-a", "broker-b");
        assertThat(plan.queues()).allMatch(q -> q.committedOffset() == null);
        assertThat(plan.queues().stream().filter(q -> q.maxOffset() == 0)).as("empty queues").hasSize(3)
                .allMatch(q -> q.targetOffset() == 0 && q.targetStoreTimestamp() == null);
        assertThat(plan.messagesToReplay()).isEqualTo(expected.size());

        AppliedRewind applied = new RewindApplier(admin).apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);

        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), "spread-new", topic, received);
        try {
            await().atMost(PATIENCE).until(() -> received.keySet().containsAll(expected));
        } finally {
            consumer.shutdown();
        }
        assertThat(received.keySet()).as("none missing, none earlier").isEqualTo(expected);
    }

    @Test
    void anExistingGroupPastTIsMovedBackAndReplaysOnlyWhatFollowsT(EmbeddedRocketMq mq) throws Exception {
        String topic = "existing";
        mq.createTopic(topic, 2);
        List<MessageQueue> used = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-b", 1));
        List<Stored> stored = StoredMessages.send(mq, topic, used, 30, "e-");
        Map<String, Integer> firstPass = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), "existing-g", topic, firstPass);
        await().atMost(PATIENCE).until(() -> firstPass.size() == 30);
        consumer.shutdown(); // commits its offsets on the brokers

        long t = stored.get(20).storeTime();
        Set<String> expected = StoredMessages.bodiesAtOrAfter(stored, t);
        RewindPlan plan = new RewindPlanner(admin).plan("existing-g", topic, t);
        assertThat(plan.queues()).filteredOn(q -> q.maxOffset() > 0)
                .allMatch(q -> q.committedOffset() != null && q.committedOffset() == q.maxOffset());
        assertThat(plan.messagesToReplay()).isEqualTo(expected.size());
        assertThat(plan.messagesToSkip()).isZero();

        new RewindApplier(admin).apply(plan);
        Map<String, Integer> replay = StoredMessages.sink();
        DefaultMQPushConsumer again = StoredMessages.consume(mq.nameServerAddress(), "existing-g", topic, replay);
        try {
            await().atMost(PATIENCE).until(() -> replay.keySet().containsAll(expected));
        } finally {
            again.shutdown();
        }
        assertThat(replay.keySet()).isEqualTo(expected);
    }

    @Test
    void timesBeforeTheFirstAndAfterTheLastMessageAreClampedAndSaidSo(EmbeddedRocketMq mq) throws Exception {
        String topic = "edges";
        mq.createTopic(topic, 1);
        List<Stored> stored = StoredMessages.send(mq, topic,
                List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-b", 0)), 10, "x-");
        RewindPlanner planner = new RewindPlanner(admin);

        RewindPlan early = planner.plan("edges-g", topic, stored.get(0).storeTime() - 60_000);
        assertThat(early.queues()).allMatch(q -> q.targetOffset() == q.minOffset());
        assertThat(early.messagesToReplay()).isEqualTo(10);
        assertThat(early.historyTruncated()).as("min offset 0: nothing older was ever dropped").isFalse();
        assertThat(early.nothingToReplay()).isFalse();

        RewindPlan future = planner.plan("edges-g", topic, System.currentTimeMillis() + 3_600_000);
        assertThat(future.queues()).allMatch(q -> q.targetOffset() == q.maxOffset() && q.targetStoreTimestamp() == null);
        assertThat(future.nothingToReplay()).isTrue();
        assertThat(future.messagesToReplay()).isZero();
        assertThat(future.summary()).contains("after every stored message");
    }

    @Test
    void anOnlineGroupIsResetThroughTheBrokerAndVerified(EmbeddedRocketMq mq) throws Exception {
        String topic = "online";
        mq.createTopic(topic, 1);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(new MessageQueue(topic, "broker-a", 0)), 10, "o-");
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), "online-g", topic, received);
        try {
            await().atMost(PATIENCE).until(() -> received.size() == 10);
            await().atMost(PATIENCE).until(() -> admin.isOnline("online-g"));
            RewindPlan plan = new RewindPlanner(admin).plan("online-g", topic, stored.get(5).storeTime());
            AppliedRewind applied = new RewindApplier(admin).apply(plan);
            assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
            assertThat(applied.verifiedOffsets()).containsEntry("broker-a/0", stored.get(5).offset());
            await().atMost(PATIENCE).until(() -> received.getOrDefault("o-5", 0) == 2);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void badInputIsAClearError() {
        RewindPlanner planner = new RewindPlanner(admin);
        assertThatThrownBy(() -> planner.plan("g", "no-such-topic", 0))
                .isInstanceOf(RewindException.class)
                .hasMessage("Topic 'no-such-topic' not found on name server " + MQ.nameServerAddress());
        assertThatThrownBy(() -> planner.plan(" ", "t", 0))
                .hasMessageContaining("Consumer group name is empty")
                .hasMessageContaining("letters, digits, '_', '-', '%' and '|'");
        assertThatThrownBy(() -> planner.plan("bad group!", "t", 0))
                .hasMessageContaining("'bad group!' has characters RocketMQ rejects");
        assertThatThrownBy(() -> planner.plan("g", "t".repeat(128), 0))
                .hasMessageContaining("is 128 characters long").hasMessageContaining("1 to 127");
        assertThatThrownBy(() -> AdminSettings.of("localhost"))
                .hasMessageContaining("'localhost' is not host:port").hasMessageContaining("accepted: host:port");
        assertThatThrownBy(() -> AdminSettings.of("127.0.0.1:70000")).hasMessageContaining("port 70000 is outside 1-65535");
        try (RocketMqAdmin nowhere = new RocketMqAdmin(new AdminSettings("127.0.0.1:1", null, null, Duration.ofSeconds(2)))) {
            assertThatThrownBy(() -> new RewindPlanner(nowhere).plan("g", "t", 0))
                    .isInstanceOf(RewindException.class)
                    .hasMessageContaining("127.0.0.1:1");
        }
    }

    private static long targetOn(RewindPlan plan, MessageQueue queue) {
        return queueOf(plan, queue).targetOffset();
    }

    private static QueueRewind queueOf(RewindPlan plan, MessageQueue queue) {
        return plan.queues().stream()
                .filter(q -> q.broker().equals(queue.getBrokerName()) && q.queueId() == queue.getQueueId())
                .findFirst().orElseThrow();
    }

    private static int findNeighboursOneMillisecondApart(List<Stored> stored) {
        for (int i = 0; i + 1 < stored.size(); i++) {
            if (stored.get(i + 1).storeTime() - stored.get(i).storeTime() == 1) {
                return i;
            }
        }
        throw new AssertionError("No two consecutive messages were stored exactly 1 ms apart; store times: "
                + stored.stream().map(Stored::storeTime).toList());
    }

    private static int findRunSharingAMillisecond(List<Stored> stored) {
        for (int i = 1; i + 1 < stored.size(); i++) {
            if (stored.get(i).storeTime() == stored.get(i + 1).storeTime()
                    && stored.get(i - 1).storeTime() < stored.get(i).storeTime()) {
                return i;
            }
        }
        throw new AssertionError("No two messages shared a millisecond");
    }
}
