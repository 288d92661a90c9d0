package dev.backtrack.core;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.RecordingConsumer;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import org.apache.rocketmq.common.MixAll;

/** Makes dead letters the way RocketMQ does: a consumer of the group fails the picked messages with no retry left. */
public final class DeadLetterMaker {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private DeadLetterMaker() {
    }

    /**
     * Consumes {@code ids} (sent to {@code topic} before) as {@code group}, sending those in {@code dead} straight to
     * {@code %DLQ%group}; returns once every id was delivered and the dead-letter topic holds {@code dead.size()}
     * messages, with the consumer stopped and the group offline.
     */
    public static void deadLetter(RocketMqAdmin admin, String group, String topic, Collection<String> ids,
            Set<String> dead) {
        try (RecordingConsumer broken = RecordingConsumer.on(admin.settings().nameServer(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).deadLettering(m -> dead.contains(m.getMsgId())).start()) {
            broken.await(() -> broken.labels().containsAll(ids) && stored(admin, MixAll.getDLQTopic(group))
                    == dead.size(), WAIT, "every message consumed or stored as a dead letter");
        }
        await().atMost(WAIT).until(() -> !admin.isOnline(group));
    }

    /** Messages stored in {@code topic}, every queue; 0 while it does not exist. */
    public static long stored(RocketMqAdmin admin, String topic) {
        try {
            return admin.queues(topic).stream().mapToLong((QueueAddress q) -> admin.maxOffset(q.brokerAddress(),
                    q.queue())).sum();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }
}
