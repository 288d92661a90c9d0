package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plans rewinds on a real two-broker cluster: targets to the millisecond, the broker's clamping of times before the
 * first and after the last message, every queue of every broker, an unknown topic. The arithmetic on what the brokers
 * report (clamping, counts, truncation, bad names) is in RewindPlannerArithmeticTest.
 */
class RewindPlannerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();

    private final RocketMqAdmin admin = TestAdmins.of(MQ);
    private final RewindPlanner planner = new RewindPlanner(admin);

    @Test
    void targetsTheFirstMessageStoredAtOrAfterTToTheMillisecond(EmbeddedRocketMq mq) throws Exception {
        String topic = "precision";
        mq.createTopic(topic, 2);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        List<Stored> stored = withPrecisionCases(mq, topic, queue, StoredMessages.send(mq, topic, List.of(queue), 400,
                "p-"));

        // two neighbours stored exactly 1 ms apart
        int i = findNeighboursOneMillisecondApart(stored);
        Stored before = stored.get(i);
        Stored after = stored.get(i + 1);
        QueueRewind atAfter = queueOf(planner.plan("precision-g", topic, after.storeTime()), queue);
        assertThat(atAfter.targetOffset()).as("T equal to a message's store time includes it").isEqualTo(after.offset());
        assertThat(atAfter.targetStoreTimestamp()).isEqualTo(after.storeTime());
        assertThat(targetOn(planner.plan("precision-g", topic, before.storeTime()), queue))
                .as("T equal to the earlier one's store time includes it").isEqualTo(firstStoredAtOrAfter(stored,
                        before.storeTime()).offset()).isLessThanOrEqualTo(before.offset());
        assertThat(targetOn(planner.plan("precision-g", topic, after.storeTime() + 1), queue))
                .as("T one ms after a message's store time excludes it").isGreaterThan(after.offset());

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

        // a time before the first message targets the queue's min offset (the broker clamps its answer)
        QueueRewind early = queueOf(planner.plan("precision-g", topic, stored.get(0).storeTime() - 60_000), queue);
        assertThat(early.targetOffset()).isZero();
        assertThat(early.targetStoreTimestamp()).isEqualTo(stored.get(0).storeTime());

        // and against an oracle computed from the store times, at a sample of times across the queue
        TreeSet<Long> times = new TreeSet<>();
        stored.forEach(s -> {
            times.add(s.storeTime());
            times.add(s.storeTime() + 1);
        });
        int n = 0;
        for (long t : times) {
            if (n++ % 15 == 0) {
                Stored expected = firstStoredAtOrAfter(stored, t);
                long expectedOffset = expected == null ? stored.get(stored.size() - 1).offset() + 1 : expected.offset();
                assertThat(targetOn(planner.plan("precision-g", topic, t), queue)).as("target at T=%d", t)
                        .isEqualTo(expectedOffset);
            }
        }
    }

    @Test
    void timesBeforeTheFirstAndAfterTheLastMessageAreClampedAndSaidSo(EmbeddedRocketMq mq) throws Exception {
        String topic = "planner-edges";
        mq.createTopic(topic, 1);
        List<Stored> stored = StoredMessages.send(mq, topic,
                List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-b", 0)), 10, "x-");

        RewindPlan early = planner.plan("planner-edges-g", topic, stored.get(0).storeTime() - 60_000);
        assertThat(early.queues()).allMatch(q -> q.targetOffset() == q.minOffset() && q.minOffset() == 0);
        assertThat(early.queues()).extracting(QueueRewind::targetStoreTimestamp)
                .containsExactly(stored.get(0).storeTime(), stored.get(1).storeTime());
        assertThat(early.messagesToReplay()).isEqualTo(10);
        assertThat(early.historyTruncated()).as("min offset 0: nothing older was ever dropped").isFalse();
        assertThat(early.oldestRetainedTimestamp()).isNull();
        assertThat(early.nothingToReplay()).isFalse();

        RewindPlan atLast = planner.plan("planner-edges-g", topic, stored.get(9).storeTime());
        assertThat(atLast.nothingToReplay()).isFalse();
        assertThat(atLast.messagesToReplay()).isGreaterThanOrEqualTo(1);

        RewindPlan future = planner.plan("planner-edges-g", topic, System.currentTimeMillis() + 3_600_000);
        assertThat(future.queues()).allMatch(q -> q.targetOffset() == q.maxOffset() && q.maxOffset() == 5
                && q.targetStoreTimestamp() == null);
        assertThat(future.nothingToReplay()).isTrue();
        assertThat(future.historyTruncated()).isFalse();
        assertThat(future.messagesToReplay()).isZero();
        assertThat(future.summary()).contains("0 messages to replay").contains("after every stored message");
    }

    @Test
    void coversEveryQueueOfEveryBrokerInOrderAndReadsNoOffsetForAGroupThatNeverCommitted(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "layout";
        mq.createTopic(topic, 3);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(new MessageQueue(topic, "broker-b", 2),
                new MessageQueue(topic, "broker-a", 1)), 6, "l-");

        RewindPlan plan = planner.plan("layout-never", topic, stored.get(0).storeTime());
        assertThat(plan.queues()).extracting(q -> q.broker() + "/" + q.queueId())
                .containsExactly("broker-a/0", "broker-a/1", "broker-a/2", "broker-b/0", "broker-b/1", "broker-b/2");
        assertThat(plan.queues()).extracting(QueueRewind::brokerAddress).containsOnly(
                mq.brokers().get(0).address(), mq.brokers().get(1).address());
        // A young queue whose first message is in memory: the broker would answer 0 unless asked not to.
        assertThat(plan.queues()).allMatch(q -> q.committedOffset() == null);
        assertThat(plan.queues()).filteredOn(q -> q.maxOffset() == 0)
                .allMatch(q -> q.targetOffset() == 0 && q.targetStoreTimestamp() == null && q.messagesToReplay() == 0);
        assertThat(plan.messagesToReplay()).isEqualTo(6);
        assertThat(plan.messagesToSkip()).isZero();
        assertThat(plan.summary()).isEqualTo("group layout-never, topic layout: 6 queues, 6 messages to replay");
    }

    @Test
    void anUnknownTopicIsAClearErrorNamingTheNameServer() {
        assertThatThrownBy(() -> planner.plan("g", "no-such-topic", 0))
                .isInstanceOf(UnknownTopicException.class).isInstanceOf(RewindException.class)
                .hasMessage("Topic 'no-such-topic' not found on name server " + MQ.nameServerAddress());
    }

    private static long targetOn(RewindPlan plan, MessageQueue queue) {
        return queueOf(plan, queue).targetOffset();
    }

    private static QueueRewind queueOf(RewindPlan plan, MessageQueue queue) {
        return plan.queues().stream()
                .filter(q -> q.broker().equals(queue.getBrokerName()) && q.queueId() == queue.getQueueId())
                .findFirst().orElseThrow();
    }

    private static Stored firstStoredAtOrAfter(List<Stored> stored, long timestamp) {
        return stored.stream().filter(s -> s.storeTime() >= timestamp).findFirst().orElse(null);
    }

    private static Stored firstStoredAtOrAfter(List<Stored> stored, long timestamp, MessageQueue queue) {
        return stored.stream().filter(s -> s.broker().equals(queue.getBrokerName()) && s.queueId() == queue.getQueueId())
                .filter(s -> s.storeTime() >= timestamp).findFirst().orElseThrow();
    }

    /**
     * The messages sent, followed by the two cases the precision test needs whatever the machine's speed: two
     * neighbours stored exactly 1 ms apart, and three messages sent as one batch, which the broker stores in one
     * millisecond. For the first, pairs are sent without waiting for answers, the second as the clock ticks past the
     * millisecond in which the first left, until one pair lands 1 ms apart (a send's round trip is longer than a
     * millisecond on a loaded machine, so one send after another never would, and on a fast one most share one).
     */
    private static List<Stored> withPrecisionCases(EmbeddedRocketMq mq, String topic, MessageQueue queue,
            List<Stored> sent) throws Exception {
        List<Stored> stored = new ArrayList<>(sent);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            Awaitility.await("two neighbours stored exactly 1 ms apart").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        long tick = nextMillisecond(System.currentTimeMillis());
                        CompletableFuture<SendResult> first = sendAsync(producer, topic, queue, "p-" + stored.size());
                        nextMillisecond(tick);
                        CompletableFuture<SendResult> second = sendAsync(producer, topic, queue,
                                "p-" + (stored.size() + 1));
                        Stored a = stored(mq, topic, first.get(), "p-" + stored.size());
                        Stored b = stored(mq, topic, second.get(), "p-" + (stored.size() + 1));
                        stored.add(a);
                        stored.add(b);
                        stored.sort(Comparator.comparingLong(Stored::offset));
                        return Math.abs(b.storeTime() - a.storeTime()) == 1 && Math.abs(b.offset() - a.offset()) == 1;
                    });
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batch.add(message(topic, "p-" + (stored.size() + i)));
            }
            SendResult result = producer.send(batch, queue);
            long firstOffset = result.getQueueOffset();
            for (int i = 0; i < batch.size(); i++) {
                stored.add(stored(mq, topic, queue, firstOffset + i, "p-" + stored.size()));
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        return stored;
    }

    /** Spins until the clock shows a millisecond after {@code millis}; returns it. */
    private static long nextMillisecond(long millis) {
        long now = System.currentTimeMillis();
        while (now <= millis) {
            Thread.onSpinWait();
            now = System.currentTimeMillis();
        }
        return now;
    }

    private static CompletableFuture<SendResult> sendAsync(DefaultMQProducer producer, String topic,
            MessageQueue queue, String body) throws Exception {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        producer.send(message(topic, body), queue, new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
                result.complete(sendResult);
            }

            @Override
            public void onException(Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static Message message(String topic, String body) {
        return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Stored stored(EmbeddedRocketMq mq, String topic, SendResult result, String body) {
        return stored(mq, topic, result.getMessageQueue(), result.getQueueOffset(), body);
    }

    private static Stored stored(EmbeddedRocketMq mq, String topic, MessageQueue queue, long offset, String body) {
        Awaitility.await("message " + offset + " of " + queue + " indexed").atMost(Duration.ofSeconds(30))
                .until(() -> StoredMessages.storeTime(mq, topic, queue.getBrokerName(), queue.getQueueId(), offset) > 0);
        return new Stored(body, queue.getBrokerName(), queue.getQueueId(), offset,
                StoredMessages.storeTime(mq, topic, queue.getBrokerName(), queue.getQueueId(), offset));
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
