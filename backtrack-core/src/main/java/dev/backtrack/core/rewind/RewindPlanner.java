package dev.backtrack.core.rewind;

import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;

/** Plans, per queue on every broker of a topic, where a group must start to replay from a point in time. */
public class RewindPlanner {

    private final RocketMqAdmin admin;

    /** Plans through the given admin connection. */
    public RewindPlanner(RocketMqAdmin admin) {
        this.admin = admin;
    }

    /** The plan for {@code group} on {@code topic} to start at the first message stored at or after the time. */
    public RewindPlan plan(String group, String topic, long timestampMillis) {
        RocketMqNames.requireGroup(group);
        List<QueueRewind> queues = new ArrayList<>();
        Long oldestRetained = null;
        boolean truncated = false;
        for (QueueAddress queue : admin.queues(topic)) {
            QueueRewind planned = planQueue(queue.brokerAddress(), group, queue.queue(), timestampMillis);
            queues.add(planned);
            Long oldest = planned.targetStoreTimestamp();
            if (planned.minOffset() > 0 && planned.targetOffset() == planned.minOffset() && oldest != null
                    && oldest > timestampMillis) {
                truncated = true;
                oldestRetained = oldestRetained == null ? oldest : Math.min(oldestRetained, oldest);
            }
        }
        long replay = queues.stream().mapToLong(QueueRewind::messagesToReplay).sum();
        long skip = queues.stream().mapToLong(QueueRewind::messagesToSkip).sum();
        boolean nothing = queues.stream().allMatch(q -> q.targetOffset() == q.maxOffset());
        return new RewindPlan(group, topic, timestampMillis, List.copyOf(queues), replay, skip, truncated,
                oldestRetained, nothing);
    }

    private QueueRewind planQueue(String address, String group, MessageQueue queue, long timestamp) {
        long min = admin.minOffset(address, queue);
        long max = admin.maxOffset(address, queue);
        Long committed = admin.committedOffset(address, group, queue);
        long target = min >= max ? max : clamp(admin.searchOffset(address, queue, timestamp), min, max);
        Long targetStoreTime = target < max ? admin.storeTimestampAt(queue, target) : null;
        long replay;
        long skip = 0;
        if (committed == null) {
            replay = max - target;
        } else {
            replay = Math.max(0, committed - target);
            skip = Math.max(0, target - committed);
        }
        return new QueueRewind(queue.getBrokerName(), address, queue.getQueueId(), min, max, committed, target,
                targetStoreTime, replay, skip);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
