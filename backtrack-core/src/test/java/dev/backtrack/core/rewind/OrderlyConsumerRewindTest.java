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
import dev.backtrack.core.rewind.SteadyRewind.Outcome;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An orderly push consumer rewound to T: offline, and live under steady production in place (over the control topic)
 * and through the broker (consumers without the starter). What it receives again equals, per message id, what was
 * stored at or after T, and every queue is consumed in offset order (one jump back, to the target).
 */
class OrderlyConsumerRewindTest {

    private static final Logger log = LoggerFactory.getLogger(OrderlyConsumerRewindTest.class);

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void anOfflineOrderlyGroupReceivesAgainExactlyWhatWasStoredFromTInQueueOrder(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "orderly-offline";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        try (SteadyProducer producer = new SteadyProducer(mq, topic, "o")) {
            producer.send(20);
            DeliveryLog deliveries = new DeliveryLog();
            try (AutoCloseable consumer = orderly(mq, group, topic, deliveries, new AtomicReference<>())) {
                await().atMost(PATIENCE).until(() -> deliveries.receivedAll(producer.labels()));
            }
            await("no consumer of the group connected").atMost(PATIENCE).until(() -> !admin.isOnline(group));
            Map<String, Long> storeTimes = producer.storeTimes();
            long t = storeTimes.get("o-11");
            Set<String> fromT = storedFrom(storeTimes, t);
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            long rewindStarted = System.currentTimeMillis();
            AppliedRewind applied = new RewindApplier(admin).apply(plan);
            assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
            assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));

            try (AutoCloseable consumer = orderly(mq, group, topic, deliveries, new AtomicReference<>())) {
                producer.send(4);
                Set<String> all = producer.labels();
                await().atMost(PATIENCE).until(() -> deliveries.receivedAll(all)
                        && fromT.stream().allMatch(id -> deliveries.counts().get(id) >= 2));
            }
            ReplayExactness.assertExactlyOnceMore(deliveries, producer.storeTimes(), t, rewindStarted, targets(plan),
                    fromT);
            assertThat(ReplayExactness.outOfOrder(deliveries, 0)).isEmpty();
        }
    }

    @Test
    void aLiveOrderlyGroupUnderSteadyProductionIsRewoundInPlaceExactlyInQueueOrder(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "orderly-inplace";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        AtomicReference<DefaultMQPushConsumer> running = new AtomicReference<>();
        AtomicReference<FleetRewind> rewound = new AtomicReference<>();
        try (ControlChannel instance = new ControlChannel(admin, "CTL_ORDERLY_INPLACE");
                ControlChannel requester = new ControlChannel(admin, "CTL_ORDERLY_INPLACE")) {
            new OrderExecutor(instance, (g, t) -> Optional.ofNullable(running.get()), "orderly-instance");
            Outcome outcome = SteadyRewind.run(mq, admin, topic, group,
                    (g, t, deliveries) -> orderly(mq, g, t, deliveries, running),
                    plan -> {
                        assertThat(admin.popsOnline(group)).as("a pulling consumer seen popping").isFalse();
                        rewound.set(new FleetRewinder(admin, requester, Duration.ofSeconds(15)).apply(plan, "tester"));
                    });

            FleetRewind rewind = rewound.get();
            assertThat(rewind.applied().path()).as(rewind.note()).isEqualTo(RewindPath.IN_PROCESS);
            assertThat(rewind.acknowledgements()).singleElement().satisfies(ack -> {
                assertThat(ack.error()).isNull();
                assertThat(ack.queuesMoved()).containsExactlyInAnyOrder("broker-a/0", "broker-a/1");
            });
            assertExactInQueueOrder(outcome, "in place");
        }
    }

    @Test
    void aLiveOrderlyGroupWithoutTheStarterUnderSteadyProductionIsResetThroughTheBrokerExactlyInQueueOrder(
            EmbeddedRocketMq mq) throws Exception {
        String topic = "orderly-reset";
        String group = topic + "-g";
        mq.createTopic(topic, 2);
        Outcome outcome = SteadyRewind.run(mq, admin, topic, group,
                (g, t, deliveries) -> orderly(mq, g, t, deliveries, new AtomicReference<>()), plan -> {
                    AppliedRewind applied = new RewindApplier(admin).apply(plan);
                    assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
                    assertThat(applied.verifiedOffsets()).isEqualTo(targets(plan));
                });
        assertExactInQueueOrder(outcome, "through the broker");
    }

    /**
     * What was stored from T came exactly once more (besides what was consumed from the old position until the
     * queue's jump back), and each queue was consumed in offset order with one jump back.
     */
    private static void assertExactInQueueOrder(Outcome outcome, String path) {
        Verdict verdict = outcome.verdict();
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.replayed()).isGreaterThanOrEqualTo(40);
        assertThat(ReplayExactness.outOfOrder(outcome.log(), 0)).as("queues consumed out of offset order").isEmpty();
        log.info("Orderly consumer rewound {} under steady production: replay began {} ms after the rewind began "
                + "(per queue: {}); {} messages replayed, {} consumed from the old position meanwhile and again after",
                path, verdict.replayStarts().values().stream().mapToLong(at -> at - outcome.rewindStarted()).max()
                        .orElseThrow(),
                verdict.replayStarts().entrySet().stream()
                        .map(e -> e.getKey() + "=" + (e.getValue() - outcome.rewindStarted()) + "ms").toList(),
                verdict.replayed(), verdict.duplicates());
    }

    /** Starts an orderly consumer of the group that logs every delivery; {@code running} receives it. */
    private static AutoCloseable orderly(EmbeddedRocketMq mq, String group, String topic, DeliveryLog deliveries,
            AtomicReference<DefaultMQPushConsumer> running) throws Exception {
        DefaultMQPushConsumer consumer = TestClients.sizedForLoad(new DefaultMQPushConsumer(group));
        consumer.setNamesrvAddr(mq.nameServerAddress());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPersistConsumerOffsetInterval(1000);
        consumer.setHeartbeatBrokerInterval(1000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            for (MessageExt m : messages) {
                deliveries.record(StoredMessages.label(m.getBody()), m.getBrokerName(), m.getQueueId(),
                        m.getQueueOffset());
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        running.set(consumer);
        return consumer::shutdown;
    }
}
