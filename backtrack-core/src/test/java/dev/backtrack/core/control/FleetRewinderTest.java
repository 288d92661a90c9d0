package dev.backtrack.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.PopConsumers;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rewinds through the control topic: instances that reposition in place, and the fallback when one cannot. */
class FleetRewinderTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aRewindRightAfterABrokerResetMovesHeldAndUnheldQueuesToItsOwnTargets(EmbeddedRocketMq mq) throws Exception {
        String topic = "fleet-pending";
        String group = "fleet-pending-g";
        mq.createTopic(topic, 2);
        MessageQueue held = new MessageQueue(topic, "broker-a", 0);
        MessageQueue unheld = new MessageQueue(topic, "broker-a", 1);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(held, unheld), 20, "h-");
        Map<String, Integer> received = StoredMessages.sink();
        // The instance takes queue 0 only: no instance holds queue 1, the rewinder writes it on the broker.
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received,
                c -> c.setAllocateMessageQueueStrategy(new AllocateMessageQueueAveragely() {
                    @Override
                    public List<MessageQueue> allocate(String consumerGroup, String currentCid,
                            List<MessageQueue> mqAll, List<String> cidAll) {
                        return mqAll.stream().filter(q -> !q.equals(unheld)).toList();
                    }
                }));
        String address = mq.brokers().get(0).address();
        long t = stored.get(12).storeTime(); // queue 0, offset 6
        try (ControlChannel instance = new ControlChannel(admin, "CTL_FLEET_PENDING");
                ControlChannel requester = new ControlChannel(admin, "CTL_FLEET_PENDING")) {
            new OrderExecutor(instance, (g, tp) -> g.equals(group) && tp.equals(topic) ? Optional.of(consumer)
                    : Optional.empty(), "fleet-instance");
            await().atMost(PATIENCE).until(() -> received.size() == 10);
            await("the consumer commits what it consumed").atMost(PATIENCE)
                    .until(() -> Long.valueOf(10).equals(admin.committedOffset(address, group, held)));
            // Broker-driven resets to 2: they wait on the broker for a pull (the consumer's long poll; nobody's).
            admin.resetThroughBroker(address, group, held, 2);
            admin.resetThroughBroker(address, group, unheld, 2);

            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
            assertThat(plan.queues()).allMatch(q -> q.targetOffset() > 2);
            FleetRewind outcome = new FleetRewinder(admin, requester, ACK_TIMEOUT).apply(plan, "tester");

            assertThat(outcome.applied().path()).isEqualTo(RewindPath.IN_PROCESS);
            assertThat(outcome.silentClients()).isEmpty();
            assertThat(outcome.acknowledgements()).singleElement().satisfies(ack -> {
                assertThat(ack.error()).isNull();
                assertThat(ack.queuesMoved()).containsExactly("broker-a/0");
            });
            assertThat(outcome.applied().verifiedOffsets()).isEqualTo(targets(plan));
            assertThat(admin.committedOffset(address, group, unheld)).isEqualTo(plan.queues().get(1).targetOffset());

            Set<String> replayedHeld = bodies(stored, 0, t);
            StoredMessages.awaitReplayed(received, replayedHeld, PATIENCE);
            StoredMessages.assertNothingElseReplayed(mq, held, received, replayedHeld, PATIENCE);
        } finally {
            consumer.shutdown();
        }
        // The next consumer of the group starts the unheld queue at the target too.
        Set<String> replayedUnheld = bodies(stored, 1, t);
        assertThat(StoredMessages.consumeUntilReceived(mq.nameServerAddress(), group, topic, replayedUnheld, PATIENCE))
                .isEqualTo(replayedUnheld);
    }

    @Test
    void anInstanceThatCannotRewindInPlaceIsNamedWithItsReasonAndTheBrokerResetIsUsed(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "fleet-pop";
        String group = "fleet-pop-g";
        mq.createTopic(topic, 1);
        PopConsumers.setPopMode(mq, topic, group);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 4, "o-");
        try (RecordingConsumer pop = PopConsumers.start(mq, group, topic, 1);
                ControlChannel instance = new ControlChannel(admin, "CTL_FLEET_POP");
                ControlChannel requester = new ControlChannel(admin, "CTL_FLEET_POP")) {
            new OrderExecutor(instance, (g, t) -> Optional.of(pop.consumer()), "pop-instance");
            pop.awaitCount(4, PATIENCE);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, stored.get(1).storeTime());

            FleetRewind outcome = new FleetRewinder(admin, requester, ACK_TIMEOUT).apply(plan, "tester");

            String clientId = pop.consumer().getDefaultMQPushConsumerImpl().getmQClientFactory().getClientId();
            assertThat(outcome.applied().path()).isEqualTo(RewindPath.BROKER_RESET);
            assertThat(outcome.applied().verifiedOffsets()).isEqualTo(targets(plan));
            assertThat(outcome.acknowledgements()).singleElement().satisfies(ack -> {
                assertThat(ack.clientId()).isEqualTo(clientId);
                assertThat(ack.error()).contains("it consumes in pop mode");
            });
            assertThat(outcome.note()).startsWith("instance pop-instance (client " + clientId + ") could not "
                    + "rewind in place: the consumer of group 'fleet-pop-g' on topic 'fleet-pop' cannot be "
                    + "rewound in place here: it consumes in pop mode").endsWith(FleetRewinder.BROKER_RESET_NOTE);
        }
    }

    private static Set<String> bodies(List<Stored> stored, int queueId, long timestamp) {
        return StoredMessages.bodiesAtOrAfter(stored.stream().filter(s -> s.queueId() == queueId).toList(), timestamp);
    }

    private static Map<String, Long> targets(RewindPlan plan) {
        return plan.queues().stream().collect(Collectors.toMap(q -> q.broker() + "/" + q.queueId(),
                QueueRewind::targetOffset, (a, b) -> a, LinkedHashMap::new));
    }
}
