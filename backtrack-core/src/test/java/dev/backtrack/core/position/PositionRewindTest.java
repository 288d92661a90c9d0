package dev.backtrack.core.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import dev.backtrack.core.position.PositionRequest.ShiftBy;
import dev.backtrack.core.position.PositionRequest.ToGroupOf;
import dev.backtrack.core.position.PositionRequest.ToOffset;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rewinds to explicit offsets, by a shift, to another group's offsets and on selected queues, on a real two-broker
 * cluster, for an offline group (offsets written), a live plain RocketMQ consumer (broker-driven reset) and a live
 * consumer that rewinds in place over the control topic. Each is checked with a ledger of message ids: every message
 * from the target on comes again, nothing before it, nothing twice, and the queues not selected keep their offsets.
 */
class PositionRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PER_QUEUE = 10;

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    /** The kinds of position, each with the targets it must give when the group stands at 10 on every queue. */
    enum Kind {
        OFFSET_ALL(new ToOffset(7), Set.of(), Map.of("broker-a/0", 7L, "broker-a/1", 7L, "broker-b/0", 7L,
                "broker-b/1", 7L), 0),
        OFFSET_LIST(PositionRequest.offsets("broker-a/0=2,broker-b/1=5", "--to-offset"), Set.of(),
                Map.of("broker-a/0", 2L, "broker-b/1", 5L), 0),
        SHIFT_BACK(new ShiftBy(-4), Set.of(), Map.of("broker-a/0", 6L, "broker-a/1", 6L, "broker-b/0", 6L,
                "broker-b/1", 6L), 0),
        GROUP_OF(new ToGroupOf("pos-other"), Set.of(), Map.of("broker-a/0", 1L, "broker-a/1", 3L,
                "broker-b/0", 5L, "broker-b/1", 9L), 0),
        SHIFT_ONE_QUEUE(new ShiftBy(-3), Set.of(new QueueRef("broker-b", 0)), Map.of("broker-b/0", 7L), 0),
        SHIFT_CLAMPED(new ShiftBy(-100), Set.of(new QueueRef("broker-a", 1), new QueueRef("broker-b", 0)),
                Map.of("broker-a/1", 0L, "broker-b/0", 0L), 2),
        OFFSET_CLAMPED_HIGH(new ToOffset(99), Set.of(new QueueRef("broker-a", 0)), Map.of("broker-a/0", 10L), 1);

        final PositionRequest position;
        final Set<QueueRef> queues;
        final Map<String, Long> targets;
        final int notes;

        Kind(PositionRequest position, Set<QueueRef> queues, Map<String, Long> targets, int notes) {
            this.position = position;
            this.queues = queues;
            this.targets = new TreeMap<>(targets);
            this.notes = notes;
        }
    }

    /** A message sent to a queue: its id (the producer's unique key) and where it was stored. */
    record Sent(String id, String queue, long offset) {
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOfflineGroupReceivesAgainExactlyTheMessagesFromItsTargets(Kind kind, EmbeddedRocketMq mq) throws Exception {
        String topic = "pos-off-" + name(kind);
        String group = topic + "-g";
        List<Sent> sent = prepare(mq, topic, group);
        planAndApply(kind, group, topic, RewindPath.OFFLINE_WRITE);
        List<Sent> wake = send(mq, topic, kind.targets.keySet(), 1, "wake-");
        Set<String> expected = idsFromTargets(sent, kind.targets);
        expected.addAll(ids(wake));
        Map<String, Integer> deliveries;
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            consumer.awaitLabels(expected, PATIENCE);
            consumer.close(); // lets every message pulled so far be handled before the ledger is read
            deliveries = consumer.deliveryCounts();
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        expected.forEach(id -> wanted.put(id, 1));
        assertThat(ledger(wanted, deliveries)).isEqualTo(new Ledger(0, 0, 0));
        assertThat(deliveries.keySet()).isEqualTo(expected);
    }

    @ParameterizedTest // one per kind: the broker-driven reset takes 10-30 s each
    @EnumSource(value = Kind.class, names = {"OFFSET_ALL", "OFFSET_LIST", "SHIFT_ONE_QUEUE", "GROUP_OF"})
    void aLivePlainConsumerIsResetThroughTheBrokersAndReplaysExactlyFromItsTargets(Kind kind, EmbeddedRocketMq mq)
            throws Exception {
        String topic = "pos-live-" + name(kind);
        String group = topic + "-g";
        List<Sent> sent = prepare(mq, topic, null);
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            consumer.awaitLabels(ids(sent), PATIENCE);
            awaitCommittedAtTheEnd(group, topic, consumer);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            planAndApply(kind, group, topic, RewindPath.BROKER_RESET);
            assertLiveReplayExact(mq, topic, kind, sent, consumer);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"SHIFT_BACK", "SHIFT_ONE_QUEUE", "OFFSET_LIST", "GROUP_OF"})
    void aLiveConsumerRewindsInPlaceOverTheControlTopicAndReplaysExactlyFromItsTargets(Kind kind,
            EmbeddedRocketMq mq) throws Exception {
        String topic = "pos-inplace-" + name(kind);
        String group = topic + "-g";
        String controlTopic = ("CTL_POS_" + kind.name()).replace('_', '-');
        List<Sent> sent = prepare(mq, topic, null);
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start();
                ControlChannel instance = new ControlChannel(admin, controlTopic);
                ControlChannel requester = new ControlChannel(admin, controlTopic)) {
            new OrderExecutor(instance, (g, t) -> g.equals(group) && t.equals(topic)
                    ? Optional.of(consumer.consumer()) : Optional.empty(), "pos-instance");
            consumer.awaitLabels(ids(sent), PATIENCE);
            awaitCommittedAtTheEnd(group, topic, consumer);
            RewindPlan plan = plan(kind, group, topic);

            FleetRewind outcome = new FleetRewinder(admin, requester, Duration.ofSeconds(15)).apply(plan, "tester");

            assertThat(outcome.applied().path()).isEqualTo(RewindPath.IN_PROCESS);
            assertThat(outcome.acknowledgements()).singleElement().satisfies(ack -> {
                assertThat(ack.error()).isNull();
                assertThat(ack.queuesMoved()).containsExactlyInAnyOrderElementsOf(kind.targets.keySet());
            });
            assertThat(outcome.applied().verifiedOffsets()).isEqualTo(kind.targets);
            assertUntouchedQueuesKept(kind, group, topic);
            assertLiveReplayExact(mq, topic, kind, sent, consumer);
        }
    }

    /**
     * Sends a message to each moved queue (an idle queue's consumer waits in a long poll; a new message ends it at
     * once), waits until the live consumer has had every message as often as wanted, and asserts that nothing was
     * lost, replayed from before a target or delivered again more than that.
     */
    private static void assertLiveReplayExact(EmbeddedRocketMq mq, String topic, Kind kind, List<Sent> sent,
            RecordingConsumer consumer) throws Exception {
        List<Sent> wake = send(mq, topic, kind.targets.keySet(), 1, "wake-");
        Map<String, Integer> wanted = wanted(sent, wake, kind.targets);
        consumer.await(() -> wanted.entrySet().stream()
                .allMatch(e -> consumer.deliveries(e.getKey()) >= e.getValue()), PATIENCE, "the replay");
        consumer.close();
        assertThat(ledger(wanted, consumer.deliveryCounts())).isEqualTo(new Ledger(0, 0, 0));
    }

    /** Creates the topic (2 queues on each broker), sends 10 messages to each queue; commits them for {@code group}. */
    private List<Sent> prepare(EmbeddedRocketMq mq, String topic, String offlineGroup) throws Exception {
        mq.createTopic(topic, 2);
        List<Sent> sent = send(mq, topic, List.of("broker-a/0", "broker-a/1", "broker-b/0", "broker-b/1"), PER_QUEUE,
                "m-");
        // The other group of GROUP_OF stands somewhere else on every queue.
        commit(mq, "pos-other", topic, Map.of("broker-a/0", 1L, "broker-a/1", 3L, "broker-b/0", 5L, "broker-b/1", 9L));
        if (offlineGroup != null) {
            // An offline group that consumed everything (as a stopped consumer leaves it).
            commit(mq, offlineGroup, topic, Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L,
                    "broker-b/1", 10L));
        }
        return sent;
    }

    /**
     * Plans {@code kind} for the group (checked by {@link #plan}), applies it, and asserts that it took {@code path},
     * moved exactly the kind's targets and left every other queue where it was.
     */
    private void planAndApply(Kind kind, String group, String topic, RewindPath path) {
        AppliedRewind applied = new RewindApplier(admin).apply(plan(kind, group, topic));
        assertThat(applied.path()).isEqualTo(path);
        assertThat(applied.verifiedOffsets()).isEqualTo(kind.targets);
        assertUntouchedQueuesKept(kind, group, topic);
    }

    private RewindPlan plan(Kind kind, String group, String topic) {
        RewindPlan plan = new RewindPlanner(admin).plan(group, topic, kind.position, kind.queues);
        Map<String, Long> targets = new TreeMap<>();
        plan.queues().forEach(q -> targets.put(q.name(), q.targetOffset()));
        assertThat(targets).isEqualTo(kind.targets);
        assertThat(plan.queues()).allMatch(q -> Long.valueOf(PER_QUEUE).equals(q.committedOffset()));
        assertThat(plan.notes()).hasSize(kind.notes);
        assertThat(plan.messagesToReplay())
                .isEqualTo(kind.targets.values().stream().mapToLong(t -> PER_QUEUE - t).sum());
        return plan;
    }

    private void assertUntouchedQueuesKept(Kind kind, String group, String topic) {
        for (QueueRewind queue : new RewindPlanner(admin).plan(group, topic, 0).queues()) {
            if (!kind.targets.containsKey(queue.name())) {
                assertThat(queue.committedOffset()).as("%s not selected: not moved", queue.name())
                        .isEqualTo(PER_QUEUE);
            }
        }
    }

    /** Has the consumer commit what it consumed now (it would on its own after about 10 s) and waits until it has. */
    private void awaitCommittedAtTheEnd(String group, String topic, RecordingConsumer consumer) {
        await("the consumer commits what it consumed").atMost(PATIENCE).until(() -> {
            consumer.consumer().getDefaultMQPushConsumerImpl().persistConsumerOffset();
            return new RewindPlanner(admin).plan(group, topic, 0).queues().stream()
                    .allMatch(q -> Long.valueOf(PER_QUEUE).equals(q.committedOffset()));
        });
    }

    private void commit(EmbeddedRocketMq mq, String group, String topic, Map<String, Long> offsets) {
        NamedQueues.commit(admin, mq, group, topic, offsets);
    }

    /** Sends {@code perQueue} messages to each of the queues ("broker/queueId") and returns them as stored. */
    private static List<Sent> send(EmbeddedRocketMq mq, String topic, Iterable<String> queues, int perQueue,
            String prefix) throws Exception {
        DefaultMQProducer producer = StoredMessages.producer(mq.nameServerAddress());
        List<Sent> sent = new ArrayList<>();
        try {
            for (int i = 0; i < perQueue; i++) {
                for (String queue : queues) {
                    String[] parts = queue.split("/");
                    Message message = new Message(topic, (prefix + queue + "-" + i).getBytes(StandardCharsets.UTF_8));
                    MessageQueue target = new MessageQueue(topic, parts[0], Integer.parseInt(parts[1]));
                    // A broker busy under load refuses a send without storing it: send it again.
                    SendResult result = await("the broker stores " + queue).pollDelay(Duration.ZERO).atMost(PATIENCE)
                            .ignoreExceptionsMatching(PositionRewindTest::brokerBusy)
                            .until(() -> producer.send(message, target), Objects::nonNull);
                    sent.add(new Sent(result.getMsgId(), queue, result.getQueueOffset()));
                }
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        return sent;
    }

    private static Set<String> idsFromTargets(List<Sent> sent, Map<String, Long> targets) {
        return sent.stream().filter(s -> targets.containsKey(s.queue()) && s.offset() >= targets.get(s.queue()))
                .map(Sent::id).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> ids(List<Sent> sent) {
        return sent.stream().map(Sent::id).collect(Collectors.toCollection(HashSet::new));
    }

    /** How often each id must have been delivered to a live consumer: twice from the targets on, once otherwise. */
    private static Map<String, Integer> wanted(List<Sent> sent, List<Sent> wake, Map<String, Long> targets) {
        Set<String> replayed = idsFromTargets(sent, targets);
        Map<String, Integer> wanted = new LinkedHashMap<>();
        sent.forEach(s -> wanted.put(s.id(), replayed.contains(s.id()) ? 2 : 1));
        wake.forEach(s -> wanted.put(s.id(), 1));
        return wanted;
    }

    /** Ids delivered fewer times than wanted, ids delivered that were not wanted at all or not again, and repeats. */
    record Ledger(int lost, int extra, int duplicates) {
    }

    private static Ledger ledger(Map<String, Integer> wanted, Map<String, Integer> delivered) {
        int lost = 0;
        int extra = 0;
        int duplicates = 0;
        for (Map.Entry<String, Integer> want : wanted.entrySet()) {
            int got = delivered.getOrDefault(want.getKey(), 0);
            if (got < want.getValue()) {
                lost++;
            } else if (got > want.getValue()) {
                if (want.getValue() == 1 && got == 2) {
                    extra++; // replayed although before the target
                } else {
                    duplicates++;
                }
            }
        }
        extra += (int) delivered.keySet().stream().filter(id -> !wanted.containsKey(id)).count();
        return new Ledger(lost, extra, duplicates);
    }

    private static boolean brokerBusy(Throwable e) {
        return e instanceof MQBrokerException busy && busy.getResponseCode() == ResponseCode.SYSTEM_BUSY;
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
