package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A window replay sends several queues side by side; when one send fails, every queue stops before its next send and
 * the result says, per queue, up to which offset it was replayed. On a real broker, with a send that fails on
 * purpose part way through one queue: what the group receives again is exactly what the result says was sent.
 */
class WindowReplayStopTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aFailedSendStopsEveryQueueAtAKnownOffsetAndTheGroupReceivesExactlyWhatWasSent() throws Exception {
        String topic = "window-stop";
        String group = "window-stop-g";
        admin.ensureTopic(MixAll.getRetryTopic(group), 1); // the consumer reads its retry topic from the start
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 4);
                RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                        .labelledBy(WindowReplayStopTest::origin).start()) {
            List<String> ids = sent.send(80);
            consumer.awaitCount(80, WAIT);
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            WindowPlan plan = new WindowPlanner(admin).plan(new ReplayWindow(group, topic,
                    sent.storeTime(ids.get(0)), Long.MAX_VALUE), GivenTags.option(null));
            assertThat(plan.matching()).isEqualTo(80);

            WindowReplayResult result = new WindowReplayer(admin, real -> (message, target) -> {
                if (message.getProperty(ReplayedMessages.ORIGIN_QUEUE).endsWith("/1")
                        && message.getProperty(ReplayedMessages.ORIGIN_OFFSET).equals("7")) {
                    throw new IllegalStateException("refused on purpose");
                }
                return real.send(message, target);
            }).replay(plan);

            assertThat(result.complete()).isFalse();
            assertThat(result.failure()).startsWith("stopped on broker-a/1 at offset 7: cannot publish into ")
                    .endsWith("refused on purpose");
            QueueReplay failed = result.queues().stream().filter(q -> q.queueId() == 1).findFirst().orElseThrow();
            assertThat(failed.endOffset()).isEqualTo(7);
            assertThat(failed.replayed()).isEqualTo(7);
            Set<String> expected = new HashSet<>();
            for (QueueReplay q : result.queues()) {
                assertThat(q.replayed()).as("every message of [begin, end) sent").isEqualTo(q.endOffset()
                        - q.beginOffset());
                for (long offset = q.beginOffset(); offset < q.endOffset(); offset++) {
                    expected.add(q.broker() + "/" + q.queueId() + "@" + offset);
                }
            }
            assertThat(expected).hasSize((int) result.replayed());
            consumer.awaitDeliveries(80 + expected.size(), WAIT);
            Set<String> again = new HashSet<>();
            consumer.deliveryCounts().forEach((label, count) -> {
                assertThat(count).as(label + " delivered at most twice").isLessThanOrEqualTo(2);
                if (count == 2) {
                    again.add(label);
                }
            });
            assertThat(again).as("received again: exactly what the result says was sent").isEqualTo(expected);
        }
    }

    /** Where a delivered message is stored, as "broker/queue@offset": the original's place for a replayed copy. */
    private static String origin(MessageExt message) {
        String queue = message.getProperty(ReplayedMessages.ORIGIN_QUEUE);
        if (queue != null) {
            return queue + "@" + message.getProperty(ReplayedMessages.ORIGIN_OFFSET);
        }
        return message.getBrokerName() + "/" + message.getQueueId() + "@" + message.getQueueOffset();
    }
}
