package dev.backtrack.core.inplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker-driven reset of a running consumer right after it was rewound in place reaches every queue. */
class BrokerResetAfterInPlaceRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void everyQueueReplaysTheBrokerResetThatFollowsAnInPlaceRewind(EmbeddedRocketMq mq) throws Exception {
        String topic = "reset-after-inplace";
        String group = "reset-after-inplace-g";
        mq.createTopic(topic, 2);
        List<MessageQueue> queues = List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-a", 1),
                new MessageQueue(topic, "broker-b", 0), new MessageQueue(topic, "broker-b", 1));
        List<Stored> stored = StoredMessages.send(mq, topic, queues, 40, "m-");
        Map<String, Integer> received = StoredMessages.sink();
        DefaultMQPushConsumer consumer = StoredMessages.consume(mq.nameServerAddress(), group, topic, received);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            await().atMost(PATIENCE).until(() -> received.size() == 40);
            // Every queue's pull now waits on its broker (a long poll of up to 15 s) for a message after the end; the
            // in-place rewind leaves that request there and pulls from the target with a new one.

            long t1 = stored.get(24).storeTime();
            Set<String> firstReplay = StoredMessages.bodiesAtOrAfter(stored, t1);
            RewindPlan inPlace = new RewindPlanner(admin).plan(group, topic, t1);
            assertThat(new InProcessRewinder(admin).apply(inPlace, consumer).path()).isEqualTo(RewindPath.IN_PROCESS);
            await("the in-place replay").atMost(PATIENCE)
                    .until(() -> firstReplay.stream().allMatch(b -> received.getOrDefault(b, 0) == 2));
            Map<String, Integer> before = new HashMap<>(received);

            // At once a broker-driven reset to an earlier time: the broker hands it to the first pull of the queue it
            // processes, which may be the old loop's request (waiting since before the in-place rewind).
            long t2 = stored.get(12).storeTime();
            Set<String> secondReplay = StoredMessages.bodiesAtOrAfter(stored, t2);
            AppliedRewind reset = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t2));
            assertThat(reset.path()).isEqualTo(RewindPath.BROKER_RESET);

            try {
                await("the broker-driven replay on every queue").atMost(Duration.ofSeconds(90)).until(() ->
                        secondReplay.stream().allMatch(b -> received.getOrDefault(b, 0) > before.get(b)));
            } catch (ConditionTimeoutException e) {
                // counted below
            }
            // A message sent now comes after anything the reset replays.
            StoredMessages.send(mq, topic, queues, 4, "wake-");
            await().atMost(PATIENCE).until(() -> received.keySet().containsAll(Set.of("wake-0", "wake-1", "wake-2",
                    "wake-3")));
            Set<String> lost = new TreeSet<>();
            Set<String> duplicated = new TreeSet<>();
            for (String body : secondReplay) {
                int again = received.get(body) - before.get(body);
                if (again < 1) {
                    lost.add(body);
                } else if (again > 1) {
                    duplicated.add(body);
                }
            }
            assertThat(lost).as("replayed by the broker reset: lost (of " + secondReplay.size() + ")").isEmpty();
            assertThat(duplicated).as("delivered more than once again").isEmpty();
        } finally {
            consumer.shutdown();
        }
    }
}
