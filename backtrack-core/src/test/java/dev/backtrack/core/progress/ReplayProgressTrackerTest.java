package dev.backtrack.core.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The progress of a live group replaying a rewind, read from its committed offsets on a real broker. */
class ReplayProgressTrackerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aSlowReplayShowsPartialProgressThenDone(EmbeddedRocketMq mq) throws Exception {
        String topic = "progress-live";
        String group = "progress-live-g";
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        StoredMessages.send(mq, topic, List.of(queue), 10, "p-");
        String address = mq.brokers().get(0).address();
        AtomicBoolean holdArmed = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
                RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                        .configure(c -> {
                            c.setConsumeThreadMin(1);
                            c.setConsumeThreadMax(1);
                        })
                        .onMessage(m -> {
                            if (holdArmed.get() && "p-7".equals(RecordingConsumer.BODY.apply(m))) {
                                waitFor(release);
                            }
                        }).start();
                ControlChannel instance = new ControlChannel(admin, "CTL_PROGRESS_LIVE");
                ControlChannel requester = new ControlChannel(admin, "CTL_PROGRESS_LIVE")) {
            new OrderExecutor(instance, (g, t) -> g.equals(group) ? Optional.of(consumer.consumer()) : Optional.empty(),
                    "progress-instance");
            consumer.awaitCount(10, PATIENCE);
            await().atMost(PATIENCE).until(() -> Long.valueOf(10).equals(admin.committedOffset(address, group, queue)));
            holdArmed.set(true);
            // by offset: messages sent in a burst can share a store-time millisecond
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, new PositionRequest.ToOffset(5), Set.of());
            FleetRewind rewound = new FleetRewinder(admin, requester, PATIENCE).apply(plan, "alice");
            JournalEntry rewind = JournalEntry.of(JournalKind.REWIND, plan, "p-5", rewound.applied().appliedAt(),
                    "alice", rewound.applied().path());
            ReplayProgressTracker tracker = new ReplayProgressTracker(admin);
            AtomicReference<ReplayProgress> seen = new AtomicReference<>();

            await("p-5 and p-6 replayed and committed, p-7 held").atMost(PATIENCE)
                    .until(() -> sample(tracker, rewind, seen).replayed() == 2);
            ReplayProgress partial = seen.get();
            assertThat(partial.id()).isEqualTo(rewind.id());
            assertThat(partial.total()).isEqualTo(5);
            assertThat(partial.percent()).isEqualTo(40.0);
            assertThat(partial.done()).isFalse();

            release.countDown();
            await("the replay is over").atMost(PATIENCE).until(() -> sample(tracker, rewind, seen).done());
            ReplayProgress done = seen.get();
            assertThat(done.replayed()).isEqualTo(5);
            assertThat(done.percent()).isEqualTo(100.0);
            assertThat(done.etaSeconds()).isZero();
            assertThat(done.ratePerSecond()).isPositive();
        } finally {
            release.countDown();
        }
    }

    private static ReplayProgress sample(ReplayProgressTracker tracker, JournalEntry rewind,
            AtomicReference<ReplayProgress> seen) {
        ReplayProgress progress = tracker.sample(rewind);
        seen.set(progress);
        return progress;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
