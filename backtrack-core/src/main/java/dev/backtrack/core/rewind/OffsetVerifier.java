package dev.backtrack.core.rewind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads every queue's committed offset back from its broker until all match the plan, or names the ones that don't. */
public final class OffsetVerifier {

    private OffsetVerifier() {
    }

    /** The committed offsets read back once every queue holds its target; fails naming the ones that do not. */
    public static Map<String, Long> verify(RocketMqAdmin admin, RewindPlan plan, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<String, Long> actual = new LinkedHashMap<>();
            List<String> mismatches = new ArrayList<>();
            for (QueueRewind queue : plan.queues()) {
                MessageQueue mq = new MessageQueue(plan.topic(), queue.broker(), queue.queueId());
                Long offset = admin.committedOffset(queue.brokerAddress(), plan.group(), mq);
                String key = queue.broker() + "/" + queue.queueId();
                actual.put(key, offset);
                if (!Objects.equals(offset, queue.targetOffset())) {
                    mismatches.add(key + ": expected " + queue.targetOffset() + ", found "
                            + (offset == null ? "no offset" : offset));
                }
            }
            if (mismatches.isEmpty()) {
                return actual;
            }
            if (System.nanoTime() > deadline) {
                throw new RewindVerificationException(plan.group(), plan.topic(), mismatches);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindVerificationException(plan.group(), plan.topic(), mismatches);
            }
        }
    }
}
