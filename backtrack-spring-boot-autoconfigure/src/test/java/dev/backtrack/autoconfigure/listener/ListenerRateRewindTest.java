package dev.backtrack.autoconfigure.listener;

import static dev.backtrack.autoconfigure.listener.LedgerListenerApplication.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.test.DeliveryLedger.Comparison;
import dev.backtrack.test.DeliveryLedger.Delivery;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A live rocketmq-spring listener with the starter, rewound in place with a rate on a real two-broker cluster: the
 * replayed range arrives once each, no faster than the rate, and the messages after it at full speed.
 */
class ListenerRateRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int REPLAYED = 300;
    private static final int NEW = 200;
    private static final double RATE = 50;

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void theReplayedRangeIsConsumedOnceEachAtMostAtTheRateAndNewMessagesAtFullSpeed() throws Exception {
        String topic = "lr-rate-topic";
        String group = "lr-rate-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(REPLAYED);
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.listeners." + group + ".consume-timestamp=0")) {
                Set<String> replayed = sent.all();
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(replayed));
                await("the group commits what it consumed").atMost(WAIT).until(() -> admin.queues(topic).stream()
                        .allMatch(q -> Long.valueOf(admin.maxOffset(q.brokerAddress(), q.queue()))
                                .equals(admin.committedOffset(q.brokerAddress(), group, q.queue()))));

                long rewindStarted = System.currentTimeMillis();
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, sent.storeTime(ids.get(0)));
                FleetRewind rewind = app.getBean(BacktrackControl.class).fleetRewinder(admin).orElseThrow()
                        .apply(plan, "test", GroupConsumers.of(admin, group), new SendRate(RATE));
                assertThat(rewind.applied().path()).as(rewind.note()).isEqualTo(RewindPath.IN_PROCESS);
                Set<String> fresh = new HashSet<>(sent.send(NEW));

                Set<String> expected = new HashSet<>(replayed);
                expected.addAll(fresh);
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(expected)
                        && ledger(app).compare(sent.all(), expected, rewindStarted).lost().isEmpty());
                Comparison since = ledger(app).compare(sent.all(), expected, rewindStarted);
                assertThat(since.lost()).as("lost").isEmpty();
                assertThat(since.unexpected()).as("delivered again although stored before the range").isEmpty();
                assertThat(since.duplicates()).as("delivered more than once since the rewind").isEmpty();

                long firstReplayed = Long.MAX_VALUE;
                long lastReplayed = 0;
                long lastFresh = 0;
                for (Delivery delivery : ledger(app).log()) {
                    if (delivery.at() >= rewindStarted && replayed.contains(delivery.id())) {
                        firstReplayed = Math.min(firstReplayed, delivery.at());
                        lastReplayed = Math.max(lastReplayed, delivery.at());
                    } else if (fresh.contains(delivery.id())) {
                        lastFresh = Math.max(lastFresh, delivery.at());
                    }
                }
                double pacedSeconds = (REPLAYED - 1) / RATE;
                assertThat(lastReplayed - firstReplayed).as("ms the replayed range took (paced: %.1f s)",
                        pacedSeconds).isGreaterThanOrEqualTo(Math.round(pacedSeconds * 0.8 * 1000));
                assertThat(lastFresh - lastReplayed).as("ms the new messages took after the replayed range (paced "
                        + "they would take %.1f s)", NEW / RATE).isLessThan(Math.round(NEW / RATE * 1000 / 2));
            }
        }
    }
}
