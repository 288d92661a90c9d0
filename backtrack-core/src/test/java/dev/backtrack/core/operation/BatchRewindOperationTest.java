package dev.backtrack.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.position.NamedQueues;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.core.undo.UndoResult;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch rewind on a real broker: every group of a topic moved to a time replays exactly what is stored at or
 * after it, and its undo puts every queue back; a group moved on every topic it consumes; a batch with a refused
 * group moves nothing, or moves the others when refused pairs are skipped.
 */
class BatchRewindOperationTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ACTOR = "alice (batch test)";

    @TempDir
    static Path localOffsets;

    private static KeptClusterSession session;

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @BeforeAll
    static void open() {
        // A broadcasting consumer writes its offsets under this directory (default: the user's home).
        System.setProperty("rocketmq.client.localOffsetStoreDir", localOffsets.toString());
        session = new KeptClusterSession(() -> TestAdmins.settings(MQ.nameServerAddress()), "BATCH_TEST_JOURNAL",
                null, a -> Optional.empty());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private BatchRewindOperation batches() {
        return new BatchRewindOperation(session, new RewindTargets(session.admin()), OperationObserver.NONE);
    }

    private static BatchRewindRequest request(BatchRewindRequest.Scope scope, PositionRequest position,
            boolean skipRefused) {
        return new BatchRewindRequest(scope, position, skipRefused, false, ACTOR, "--allow-partial",
                "--skip-refused", SendRate.UNLIMITED);
    }

    @Test
    void everyGroupOfATopicReplaysExactlyWhatIsStoredAtOrAfterTheTimeAndUndoPutsEveryQueueBack(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "batch-time";
        mq.createTopic(topic, 4);
        List<MessageQueue> queues = IntStream.range(0, 4).mapToObj(i -> new MessageQueue(topic, "broker-a", i))
                .toList();
        List<Stored> before = StoredMessages.send(mq, topic, queues, 8, "early-");
        long lastEarly = before.stream().mapToLong(Stored::storeTime).max().orElseThrow();
        await("the clock passes the early messages").atMost(PATIENCE)
                .until(() -> System.currentTimeMillis() > lastEarly);
        List<Stored> after = StoredMessages.send(mq, topic, queues, 8, "late-");
        long t = after.stream().mapToLong(Stored::storeTime).min().orElseThrow();
        List<Stored> all = new ArrayList<>(before);
        all.addAll(after);
        Set<String> replayed = StoredMessages.bodiesAtOrAfter(all, t);
        assertThat(replayed).hasSize(8).allMatch(body -> body.startsWith("late-"));

        List<String> live = List.of("batch-time-live-0", "batch-time-live-1");
        List<String> offline = List.of("batch-time-off-0", "batch-time-off-1", "batch-time-off-2");
        Map<String, RecordingConsumer> consumers = new HashMap<>();
        try {
            for (String group : live) {
                consumers.put(group, RecordingConsumer.start(mq.nameServerAddress(), group, topic));
            }
            List<RecordingConsumer> first = offline.stream()
                    .map(group -> RecordingConsumer.start(mq.nameServerAddress(), group, topic)).toList();
            for (RecordingConsumer consumer : first) {
                consumer.awaitCount(16, PATIENCE);
                consumer.await(() -> new OffsetsReader(admin).read(consumer.consumer().getConsumerGroup(), topic)
                        .stream().allMatch(q -> Long.valueOf(q.maxOffset()).equals(q.committedOffset())), PATIENCE,
                        "the group commits the end of every queue");
                consumer.close(); // offline from now on, its offsets stored at the end of every queue
            }
            for (String group : live) {
                consumers.get(group).awaitCount(16, PATIENCE);
                await("group " + group + " commits every message").atMost(PATIENCE).until(() ->
                        NamedQueues.committed(admin, group, topic).values().stream()
                                .mapToLong(offset -> offset == null ? 0 : offset) // none committed yet: 0
                                .sum() == 16);
            }
            Map<String, Map<String, Integer>> ledgerBefore = new HashMap<>();
            consumers.forEach((group, consumer) -> ledgerBefore.put(group, Map.copyOf(consumer.deliveryCounts())));

            BatchRewindOperation batches = batches();
            BatchPlan plan = batches.plan(request(new BatchRewindRequest.AllGroupsOf(topic),
                    new PositionRequest.AtTime(t, Long.toString(t)), false));
            List<String> groups = new ArrayList<>(live);
            groups.addAll(offline);
            assertThat(plan.groups()).containsExactlyInAnyOrderElementsOf(groups);
            assertThat(plan.refused()).isEmpty();
            assertThat(plan.queues()).isEqualTo(20);
            assertThat(plan.messagesToReplay()).isEqualTo(5 * 8);

            BatchRewindOutcome outcome = batches.apply(plan);

            assertThat(outcome.steps()).hasSize(5).allMatch(s -> s.status() == BatchStep.Status.MOVED);
            for (BatchStep<RewindOutcome> step : outcome.steps()) {
                RewindOutcome moved = step.result();
                Map<String, Long> targets = targets(moved.checked().plan().queues());
                assertThat(moved.applied().applied().verifiedOffsets()).as(step.group()).isEqualTo(targets);
                assertThat(moved.entry().batch()).isEqualTo(outcome.batch());
                assertThat(moved.entry().actor()).isEqualTo(ACTOR);
                if (offline.contains(step.group())) {
                    assertThat(NamedQueues.committed(admin, step.group(), topic)).as(step.group()).isEqualTo(targets);
                }
            }
            for (String group : offline) {
                consumers.put(group, RecordingConsumer.start(mq.nameServerAddress(), group, topic));
                ledgerBefore.put(group, Map.of());
            }
            for (String group : groups) {
                consumers.get(group).awaitLabels(replayed, PATIENCE);
            }
            // Anything replayed from an older offset would come before a message sent to each queue now.
            Set<String> wakes = new HashSet<>();
            StoredMessages.send(mq, topic, queues, 4, "wake-").forEach(s -> wakes.add(s.body()));
            for (String group : groups) {
                RecordingConsumer consumer = consumers.get(group);
                consumer.awaitLabels(wakes, PATIENCE);
                Map<String, Integer> again = delivered(ledgerBefore.get(group), consumer.deliveryCounts());
                again.keySet().removeAll(wakes);
                assertThat(again).as("delivered again to " + group).containsOnlyKeys(replayed)
                        .allSatisfy((body, times) -> assertThat(times).as(body).isEqualTo(1));
            }
        } finally {
            consumers.values().forEach(RecordingConsumer::close);
        }

        // Every group offline at the end of every queue: a second batch to the same time, undone as one.
        BatchRewindOperation batches = batches();
        Map<String, Map<String, Long>> ends = new HashMap<>();
        live.forEach(group -> ends.put(group, NamedQueues.committed(admin, group, topic)));
        offline.forEach(group -> ends.put(group, NamedQueues.committed(admin, group, topic)));
        BatchRewindOutcome second = batches.apply(batches.plan(request(new BatchRewindRequest.AllGroupsOf(topic),
                new PositionRequest.AtTime(t, Long.toString(t)), false)));
        second.steps().forEach(step -> assertThat(NamedQueues.committed(admin, step.group(), topic))
                .isEqualTo(targets(step.result().checked().plan().queues())));

        BatchUndoOperation undos = new BatchUndoOperation(session, OperationObserver.NONE);
        BatchUndoPlan undo = undos.plan(second.batch()).orElseThrow();
        assertThat(undo.undos()).hasSize(5);
        assertThat(undo.leftOut()).isEmpty();
        List<BatchStep<UndoResult>> undone = undos.apply(undo, ACTOR);

        assertThat(undone).hasSize(5).allMatch(s -> s.status() == BatchStep.Status.MOVED);
        ends.forEach((group, end) -> assertThat(NamedQueues.committed(admin, group, topic)).as(group)
                .isEqualTo(end));
        List<JournalEntry> undoEntries = session.journalEntries().stream()
                .filter(e -> e.kind() == JournalKind.UNDO && undone.stream()
                        .anyMatch(s -> s.result().entry().id().equals(e.id()))).toList();
        assertThat(undoEntries).hasSize(5).extracting(JournalEntry::batch).containsOnly(undone.get(0).result()
                .entry().batch());
        assertThat(undos.plan("no-such-batch")).isEmpty();
    }

    @Test
    void oneGroupOnEveryTopicItConsumesMovesEachTopicWherePlanned(EmbeddedRocketMq mq) throws Exception {
        String group = "batch-topics-g";
        List<String> topics = List.of("batch-topics-1", "batch-topics-2", "batch-topics-3");
        for (String topic : topics) {
            NamedQueues.fill(mq, topic, 2, List.of("broker-a/0", "broker-a/1"), 3);
            NamedQueues.commit(admin, mq, group, topic, Map.of("broker-a/0", 3L, "broker-a/1", 3L));
        }
        NamedQueues.fill(mq, "batch-topics-other", 1, List.of("broker-a/0"), 1);

        assertThat(new RewindTargets(admin).topicsOf(group)).containsExactlyElementsOf(topics);
        BatchRewindOperation batches = batches();
        BatchPlan plan = batches.plan(request(new BatchRewindRequest.AllTopicsOf(group),
                new PositionRequest.ShiftBy(-2), false));
        assertThat(plan.topics()).containsExactlyElementsOf(topics);
        assertThat(plan.messagesToReplay()).isEqualTo(3 * 2 * 2);
        BatchRewindOutcome outcome = batches.apply(plan);

        for (BatchStep<RewindOutcome> step : outcome.steps()) {
            assertThat(NamedQueues.committed(admin, group, step.topic())).as(step.topic())
                    .isEqualTo(Map.of("broker-a/0", 1L, "broker-a/1", 1L))
                    .isEqualTo(targets(step.result().checked().plan().queues()));
        }
        assertThat(session.journalEntries()).filteredOn(e -> outcome.batch().equals(e.batch()))
                .extracting(JournalEntry::topic).containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void aBatchWithABroadcastingGroupMovesNothingOrOnlyTheOthersWhenRefusedPairsAreSkipped(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "batch-refused";
        NamedQueues.fill(mq, topic, 2, List.of("broker-a/0", "broker-a/1"), 3);
        List<String> clustering = List.of("batch-refused-a", "batch-refused-b");
        Map<String, Long> end = Map.of("broker-a/0", 3L, "broker-a/1", 3L);
        clustering.forEach(group -> NamedQueues.commit(admin, mq, group, topic, end));
        String broadcasting = "batch-refused-broadcast";
        try (RecordingConsumer ignored = RecordingConsumer.on(mq.nameServerAddress(), broadcasting, topic)
                .configure(c -> c.setMessageModel(MessageModel.BROADCASTING)).start()) {
            await("the broker reports the group's consumers as broadcasting").atMost(PATIENCE)
                    .until(() -> admin.onlineMessageModel(broadcasting) == MessageModel.BROADCASTING);
            BatchRewindOperation batches = batches();

            assertThatThrownBy(() -> batches.plan(request(new BatchRewindRequest.AllGroupsOf(topic),
                    new PositionRequest.ToOffset(0), false)))
                    .isInstanceOfSatisfying(BatchRefusedException.class, e -> {
                        assertThat(e.plan().refused()).singleElement().satisfies(r -> {
                            assertThat(r.group()).isEqualTo(broadcasting);
                            assertThat(r.refusal()).isEqualTo(Refusal.BROADCASTING_GROUP);
                        });
                        assertThat(Refusal.of(e)).contains(Refusal.REFUSED_IN_BATCH);
                    })
                    .hasMessageContaining("group '" + broadcasting + "' on topic '" + topic + "'")
                    .hasMessageContaining("consumes in broadcasting mode")
                    .hasMessageContaining("Nothing was changed").hasMessageContaining("--skip-refused");
            clustering.forEach(group -> assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(end));

            BatchPlan plan = batches.plan(request(new BatchRewindRequest.AllGroupsOf(topic),
                    new PositionRequest.ToOffset(0), true));
            assertThat(plan.groups()).containsExactlyElementsOf(clustering);
            assertThat(plan.refused()).extracting(RefusedPair::group).containsExactly(broadcasting);
            BatchRewindOutcome outcome = batches.apply(plan);

            assertThat(outcome.steps()).extracting(BatchStep::group).containsExactlyElementsOf(clustering);
            clustering.forEach(group -> assertThat(NamedQueues.committed(admin, group, topic))
                    .isEqualTo(Map.of("broker-a/0", 0L, "broker-a/1", 0L)));
            assertThat(NamedQueues.committed(admin, broadcasting, topic).values()).containsOnlyNulls();
        }
    }

    /** The target of every queue of a plan, by queue name. */
    private static Map<String, Long> targets(List<QueueRewind> queues) {
        Map<String, Long> targets = new TreeMap<>();
        queues.forEach(q -> targets.put(q.broker() + "/" + q.queueId(), q.targetOffset()));
        return targets;
    }

    /** How many more times each label was delivered in {@code now} than in {@code before}; labels not again left out. */
    private static Map<String, Integer> delivered(Map<String, Integer> before, Map<String, Integer> now) {
        Map<String, Integer> again = new HashMap<>();
        now.forEach((label, times) -> {
            int more = times - before.getOrDefault(label, 0);
            if (more > 0) {
                again.put(label, more);
            }
        });
        return again;
    }
}
