package dev.backtrack.core.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Undoing recorded rewinds on a real broker: offsets restored and read back, refusals. */
class RewindUndoerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void undoOfAnOfflineRewindRestoresTheCommittedOffsetsAndIsRefusedTheSecondTime(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "undo-offline";
        String group = "undo-offline-g";
        mq.createTopic(topic, 2);
        MessageQueue q0 = new MessageQueue(topic, "broker-a", 0);
        MessageQueue q1 = new MessageQueue(topic, "broker-a", 1);
        StoredMessages.send(mq, topic, List.of(q0, q1), 20, "o-");
        String address = mq.brokers().get(0).address();
        admin.ensureGroup(address, group);
        admin.writeOffset(address, group, q0, 9);
        admin.writeOffset(address, group, q1, 7);
        try (RewindJournal journal = RewindJournal.openForWriting(admin, "UNDO_JOURNAL_OFFLINE")) {
            RewindPlan rewind = new RewindPlanner(admin).plan(group, topic, new PositionRequest.ToOffset(2), Set.of());
            AppliedRewind applied = new RewindApplier(admin).apply(rewind);
            JournalEntry recorded = journal.append(JournalEntry.of(JournalKind.REWIND, rewind, "-1h",
                    applied.appliedAt(), "alice", applied.path()));
            assertThat(admin.committedOffset(address, group, q0)).isEqualTo(2);

            RewindUndoer undoer = new RewindUndoer(admin);
            UndoPlan plan = undoer.plan(recorded.id(), JournalHistory.of(journal.entries()));
            UndoResult result = undoer.undo(plan, p -> offline(p), journal::append, "bob");

            assertThat(result.warnings()).isEmpty();
            assertThat(result.outcome().applied().path()).isEqualTo(RewindPath.OFFLINE_WRITE);
            assertThat(result.outcome().applied().verifiedOffsets())
                    .isEqualTo(Map.of("broker-a/0", 9L, "broker-a/1", 7L));
            assertThat(admin.committedOffset(address, group, q0)).isEqualTo(9);
            assertThat(admin.committedOffset(address, group, q1)).isEqualTo(7);
            JournalHistory history = JournalHistory.of(journal.entries());
            JournalEntry undo = history.byId(result.entry().id()).orElseThrow();
            assertThat(undo.kind()).isEqualTo(JournalKind.UNDO);
            assertThat(undo.undoes()).isEqualTo(recorded.id());
            assertThat(undo.actor()).isEqualTo("bob");
            assertThat(undo.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
            assertThat(undo.requestedTime()).isEqualTo("undo " + recorded.id());
            assertThat(history.undoneBy(recorded.id())).contains(undo.id());

            assertThatThrownBy(() -> undoer.plan(recorded.id(), history)).isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("already undone by " + undo.id());
            assertThatThrownBy(() -> undoer.plan(undo.id(), history)).isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("only REWIND entries can be undone");
            assertThatThrownBy(() -> undoer.plan("no-such-id", history))
                    .isInstanceOf(UnknownJournalEntryException.class)
                    .hasMessageContaining("'no-such-id'").hasMessageContaining("backtrack history");
        }
    }

    @Test
    void queuesWithNoOffsetBeforeTheRewindOrAlreadyPastItAreLeftWhereTheyAreWithANote(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "undo-left-alone";
        String group = "undo-left-alone-g";
        mq.createTopic(topic, 3);
        StoredMessages.send(mq, topic, List.of(new MessageQueue(topic, "broker-a", 0),
                new MessageQueue(topic, "broker-a", 1), new MessageQueue(topic, "broker-a", 2)), 9, "n-");
        String address = mq.brokers().get(0).address();
        admin.ensureGroup(address, group);
        admin.writeOffset(address, group, new MessageQueue(topic, "broker-a", 0), 0);
        admin.writeOffset(address, group, new MessageQueue(topic, "broker-a", 2), 3); // replayed past its "from"
        JournalEntry rewind = new JournalEntry(JournalKind.REWIND, group, topic, "offset 0", -1, 1, "a", 3,
                List.of(new QueueMove("broker-a", 0, 1L, 0), new QueueMove("broker-a", 1, null, 0),
                        new QueueMove("broker-a", 2, 2L, 0)));
        JournalEntry positioning = new JournalEntry(JournalKind.STARTUP_POSITIONING, group, topic, "now", 2, 2, "app",
                0, List.of(new QueueMove("broker-a", 0, null, 2)));
        JournalHistory history = JournalHistory.of(List.of(rewind, positioning));

        UndoPlan plan = new RewindUndoer(admin).plan(rewind.id(), history);

        assertThat(plan.plan().queues()).singleElement().satisfies(q -> {
            assertThat(q.name()).isEqualTo("broker-a/0");
            assertThat(q.targetOffset()).isEqualTo(1);
        });
        assertThat(plan.notes()).contains("broker-a/1: the group had no committed offset there before the rewind; "
                + "left where it is", "broker-a/2: the group is at 3, already at or past 2 where the rewind found it "
                + "(replay over there); left where it is");
        assertThatThrownBy(() -> new RewindUndoer(admin).plan(positioning.id(), history))
                .isInstanceOf(UndoRefusedException.class).hasMessageContaining("is a start-up positioning");
        admin.writeOffset(address, group, new MessageQueue(topic, "broker-a", 0), 1);
        assertThatThrownBy(() -> new RewindUndoer(admin).plan(rewind.id(), history))
                .isInstanceOf(UndoRefusedException.class).hasMessageContaining("nothing to put back");
    }

    @Test
    void undoOfALiveGroupMovesItInPlaceAndNothingReplayedIsDeliveredAgain(EmbeddedRocketMq mq) throws Exception {
        String topic = "undo-live";
        String group = "undo-live-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        StoredMessages.send(mq, topic, List.of(queue), 10, "u-");
        String address = mq.brokers().get(0).address();
        AtomicBoolean holdArmed = new AtomicBoolean();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .configure(c -> {
                    c.setConsumeThreadMin(1); // one message at a time: the held one keeps the rest buffered
                    c.setConsumeThreadMax(1);
                })
                .onMessage(m -> {
                    if (holdArmed.get() && "u-5".equals(RecordingConsumer.BODY.apply(m))) {
                        held.countDown();
                        waitFor(release);
                    }
                }).start();
                ControlChannel instance = new ControlChannel(admin, "CTL_UNDO_LIVE");
                ControlChannel requester = new ControlChannel(admin, "CTL_UNDO_LIVE");
                RewindJournal journal = RewindJournal.openForWriting(admin, "UNDO_JOURNAL_LIVE")) {
            new OrderExecutor(instance, (g, t) -> g.equals(group) ? Optional.of(consumer.consumer()) : Optional.empty(),
                    "undo-instance");
            consumer.awaitCount(10, PATIENCE);
            await().atMost(PATIENCE).until(() -> Long.valueOf(10).equals(admin.committedOffset(address, group, queue)));
            holdArmed.set(true);
            FleetRewinder fleet = new FleetRewinder(admin, requester, PATIENCE);
            // by offset: messages sent in a burst can share a store-time millisecond
            RewindPlan rewind = new RewindPlanner(admin).plan(group, topic, new PositionRequest.ToOffset(5), Set.of());
            FleetRewind rewound = fleet.apply(rewind, "alice");
            assertThat(rewound.applied().path()).isEqualTo(RewindPath.IN_PROCESS);
            JournalEntry recorded = journal.append(JournalEntry.of(JournalKind.REWIND, rewind, "u-5",
                    rewound.applied().appliedAt(), "alice", rewound.applied().path()));
            assertThat(held.await(60, TimeUnit.SECONDS)).as("the replay reached u-5").isTrue();

            RewindUndoer undoer = new RewindUndoer(admin);
            UndoResult result = undoer.undo(undoer.plan(recorded.id(), JournalHistory.of(journal.entries())),
                    p -> fleet.apply(p, "bob"), journal::append, "bob");
            release.countDown();

            assertThat(result.outcome().applied().path()).isEqualTo(RewindPath.IN_PROCESS);
            assertThat(result.outcome().applied().verifiedOffsets()).isEqualTo(Map.of("broker-a/0", 10L));
            StoredMessages.send(mq, topic, List.of(queue), 1, "wake-");
            consumer.awaitLabels(List.of("wake-0"), PATIENCE);
            await().atMost(PATIENCE).until(() -> Long.valueOf(11).equals(admin.committedOffset(address, group, queue)));
            assertThat(consumer.deliveries("u-5")).as("in flight when undone").isEqualTo(2);
            for (int i = 6; i < 10; i++) {
                assertThat(consumer.deliveries("u-" + i)).as("u-" + i + " not replayed after the undo").isEqualTo(1);
            }
        } finally {
            release.countDown();
        }
    }

    private FleetRewind offline(RewindPlan plan) {
        return new FleetRewind(new RewindApplier(admin).apply(plan), List.of(), List.of(), "offline");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
