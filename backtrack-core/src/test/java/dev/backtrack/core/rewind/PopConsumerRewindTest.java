package dev.backtrack.core.rewind;

import static dev.backtrack.core.rewind.SteadyRewind.storedFrom;
import static dev.backtrack.core.rewind.SteadyRewind.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import dev.backtrack.core.rewind.ReplayExactness.Verdict;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push consumer in pop mode (the broker assigns its queues and keeps its pop offsets and checkpoints) rewound to T
 * offline and through the broker, and in place (which falls back to the broker): what it receives again equals, per
 * message id, what was stored at or after T.
 */
class PopConsumerRewindTest {

    private static final Logger log = LoggerFactory.getLogger(PopConsumerRewindTest.class);

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void anOfflinePopGroupReceivesAgainExactlyWhatWasStoredFromTWhenItStarts(EmbeddedRocketMq mq) throws Exception {
        String topic = "pop-offline";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        PopConsumers.setPopMode(mq, topic, group);
        try (SteadyProducer producer = new SteadyProducer(mq, topic, "o")) {
            producer.send(20);
            DeliveryLog log = new DeliveryLog();
            try (RecordingConsumer consumer = PopConsumers.start(mq, group, topic, 1, log)) {
                await().atMost(PATIENCE).until(() -> log.receivedAll(producer.labels()));
            }
            await("no consumer of the group connected").atMost(PATIENCE).until(() -> !admin.isOnline(group));
            Map<String, Long> storeTimes = producer.storeTimes();
            long t = storeTimes.get("o-11");
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            long rewindStarted = System.currentTimeMillis();
            AppliedRewind applied = new RewindApplier(admin).apply(plan);
            assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
            assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));

            Set<String> fromT = storedFrom(storeTimes, t);
            try (RecordingConsumer consumer = PopConsumers.start(mq, group, topic, 1, log)) {
                producer.send(4); // delivered after the replay: exactly once
                Set<String> all = producer.labels();
                await().atMost(PATIENCE).until(() -> log.receivedAll(all)
                        && fromT.stream().allMatch(id -> log.counts().get(id) >= 2));
            }
            ReplayExactness.assertExactlyOnceMore(log, producer.storeTimes(), t, rewindStarted, targets(plan),
                    fromT);
        }
    }

    @Test
    void aLivePopGroupIsResetThroughTheBrokerExactly(EmbeddedRocketMq mq) throws Exception {
        String topic = "pop-reset";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        PopConsumers.setPopMode(mq, topic, group);
        try (SteadyProducer producer = new SteadyProducer(mq, topic, "r")) {
            producer.send(20);
            DeliveryLog log = new DeliveryLog();
            try (RecordingConsumer consumer = PopConsumers.start(mq, group, topic, 1, log)) {
                await().atMost(PATIENCE).until(() -> log.receivedAll(producer.labels()));
                Map<String, Long> storeTimes = producer.storeTimes();
                long t = storeTimes.get("r-11");
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
                long rewindStarted = System.currentTimeMillis();
                AppliedRewind applied = new RewindApplier(admin).apply(plan);
                assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
                assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));

                Set<String> fromT = storedFrom(storeTimes, t);
                await().atMost(PATIENCE).until(() -> fromT.stream().allMatch(id -> log.counts().get(id) == 2));
                producer.send(4); // anything replayed from elsewhere would come before these
                Set<String> all = producer.labels();
                await().atMost(PATIENCE).until(() -> log.receivedAll(all));
                ReplayExactness.assertExactlyOnceMore(log, producer.storeTimes(), t, rewindStarted, targets(plan),
                        fromT);
            }
        }
    }

    @Test
    void aLivePopGroupResetThroughTheBrokerUnderSteadyProductionReceivesAgainExactlyWhatWasStoredFromT(
            EmbeddedRocketMq mq) throws Exception {
        String topic = "pop-steady";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        PopConsumers.setPopMode(mq, topic, group);
        SteadyRewind.Outcome outcome = SteadyRewind.run(mq, admin, topic, group,
                (g, t, log) -> PopConsumers.start(mq, g, t, 1, log), plan -> {
                    AppliedRewind applied = new RewindApplier(admin).apply(plan);
                    assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
                    assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));
                });
        Verdict verdict = outcome.verdict();
        // Duplicates are allowed only for messages popped from the old position before the consumer took the reset.
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.replayed()).isGreaterThanOrEqualTo(40);
        log.info("Pop consumer reset through the broker under steady production: replay began {} ms after the rewind "
                + "began; {} messages replayed, {} popped from the old position meanwhile and again after",
                verdict.replayStarts().values().stream().mapToLong(at -> at - outcome.rewindStarted()).max()
                        .orElseThrow(), verdict.replayed(), verdict.duplicates());
    }

    @Test
    void anInPlaceRewindOrderFallsBackToTheBrokerResetForAPopConsumerSayingWhy(EmbeddedRocketMq mq) throws Exception {
        String topic = "pop-fleet";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        PopConsumers.setPopMode(mq, topic, group);
        try (SteadyProducer producer = new SteadyProducer(mq, topic, "f");
                ControlChannel instance = new ControlChannel(admin, "CTL_POP_FLEET");
                ControlChannel requester = new ControlChannel(admin, "CTL_POP_FLEET")) {
            producer.send(20);
            DeliveryLog log = new DeliveryLog();
            try (RecordingConsumer consumer = PopConsumers.start(mq, group, topic, 1, log)) {
                new OrderExecutor(instance, (g, t) -> Optional.of(consumer.consumer()), "pop-instance");
                await().atMost(PATIENCE).until(() -> log.receivedAll(producer.labels()));
                assertThat(admin.popsOnline(group)).as("seen popping in its running info").isTrue();
                assertThat(admin.consumerConnection(group).getConsumeType()).as("its heartbeat's consume type")
                        .isEqualTo(ConsumeType.CONSUME_PASSIVELY);
                Map<String, Long> storeTimes = producer.storeTimes();
                long t = storeTimes.get("f-11");
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
                long rewindStarted = System.currentTimeMillis();

                FleetRewind outcome = new FleetRewinder(admin, requester, Duration.ofSeconds(15)).apply(plan, "tester");

                assertThat(outcome.applied().path()).isEqualTo(RewindPath.BROKER_RESET);
                assertThat(outcome.applied().verifiedOffsets()).isEqualTo(targets(plan));
                assertThat(outcome.acknowledgements()).singleElement()
                        .satisfies(ack -> assertThat(ack.error()).contains("it consumes in pop mode"));
                Set<String> fromT = storedFrom(storeTimes, t);
                await().atMost(PATIENCE).until(() -> fromT.stream().allMatch(id -> log.counts().get(id) == 2));
                producer.send(4);
                Set<String> all = producer.labels();
                await().atMost(PATIENCE).until(() -> log.receivedAll(all));
                ReplayExactness.assertExactlyOnceMore(log, producer.storeTimes(), t, rewindStarted, targets(plan),
                        fromT);
            }
        }
    }
}
