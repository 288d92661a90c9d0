package dev.backtrack.core.rewind;

import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.QueuePositions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads every queue's committed offset back from its broker until all match the plan, or names the ones that don't. */
public final class OffsetVerifier {

    private static final long POLL_MILLIS = 100;

    private OffsetVerifier() {
    }

    /**
     * The committed offsets, keyed "broker/queueId", once every queue holds its target (read again for up to
     * {@code patience}); fails naming each queue that does not.
     */
    public static Map<String, Long> verify(QueuePositions admin, RewindPlan plan, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<String, Long> actual = new LinkedHashMap<>();
            List<OffsetMismatch> mismatches = readBack(admin, plan, actual);
            if (mismatches.isEmpty()) {
                return actual;
            }
            if (System.nanoTime() > deadline) {
                throw new RewindVerificationException(plan.group(), plan.topic(), mismatches);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindVerificationException(plan.group(), plan.topic(), mismatches);
            }
        }
    }

    /**
     * The plan's targets keyed "broker/queueId", as {@link #verify} returns them: for queues that have just been read
     * back at their targets (no second read needed).
     */
    public static Map<String, Long> targets(RewindPlan plan) {
        Map<String, Long> targets = new LinkedHashMap<>();
        plan.queues().forEach(q -> targets.put(q.broker() + "/" + q.queueId(), q.targetOffset()));
        return targets;
    }

    /**
     * The queues whose committed offset is not their target now, read once; {@code actual} receives every offset.
     * The offsets are read for every queue at once; a queue read off its target is read again on its own, as the
     * broker answers for that one queue, before it counts as a mismatch.
     */
    static List<OffsetMismatch> readBack(QueuePositions admin, RewindPlan plan, Map<String, Long> actual) {
        List<QueueAddress> queues = plan.queues().stream().map(q -> new QueueAddress(
                new MessageQueue(plan.topic(), q.broker(), q.queueId()), q.brokerAddress())).toList();
        Map<MessageQueue, Long> read = admin.committedOffsets(plan.group(), queues);
        List<OffsetMismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            QueueRewind queue = plan.queues().get(i);
            MessageQueue mq = queues.get(i).queue();
            Long offset = read.get(mq);
            if (!Objects.equals(offset, queue.targetOffset())) {
                offset = admin.committedOffset(queue.brokerAddress(), plan.group(), mq);
            }
            actual.put(queue.broker() + "/" + queue.queueId(), offset);
            if (!Objects.equals(offset, queue.targetOffset())) {
                mismatches.add(new OffsetMismatch(queue.broker(), queue.queueId(), queue.targetOffset(), offset));
            }
        }
        return mismatches;
    }
}
