package dev.backtrack.core.rewind;

import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.RocketMqNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Plans, per queue on every broker of a topic, where a group must start to replay from a point in time.
 *
 * <p>The target of a queue is its first message whose store time (the broker's clock, in milliseconds) is at or
 * after the requested time: the broker finds it by binary search, and one message is read for its store time, so a
 * plan costs a few requests per queue whatever the queue's size. A time before the oldest retained message targets
 * the min offset; a time after the newest targets the max offset (nothing to replay there). History is truncated on
 * a queue when messages were deleted from it (min offset above 0) and its oldest retained one is newer than the
 * requested time: part of what was asked for is gone. A queue with min offset 0 still holds all it ever had. A group
 * whose connected consumers consume in broadcasting mode is refused ({@link BroadcastingGroupCheck}).
 */
public class RewindPlanner {

    private final ClusterAdmin admin;

    /** Plans through the given admin connection. */
    public RewindPlanner(ClusterAdmin admin) {
        this.admin = admin;
    }

    /** The plan for {@code group} on {@code topic} to start at the first message stored at or after the time. */
    public RewindPlan plan(String group, String topic, long timestampMillis) {
        RocketMqNames.requireGroup(group);
        List<QueueAddress> addresses = admin.queues(topic);
        new BroadcastingGroupCheck(admin).requireBrokerKeptOffsets(group);
        List<QueueRewind> queues = new ArrayList<>();
        Long oldestRetained = null;
        boolean truncated = false;
        for (QueueAddress queue : addresses) {
            QueueRewind planned = planQueue(queue.brokerAddress(), group, queue.queue(), timestampMillis);
            queues.add(planned);
            if (lostHistory(planned, timestampMillis)) {
                truncated = true;
                oldestRetained = oldestRetained == null ? planned.targetStoreTimestamp()
                        : Math.min(oldestRetained, planned.targetStoreTimestamp());
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
        Long targetStoreTime = target < max ? admin.storeTimestampAt(address, queue, target) : null;
        long replay;
        long skip = 0;
        if (committed == null) {
            replay = max - target;
        } else {
            // Offsets below min are gone and cannot be replayed or skipped; above max nothing exists yet.
            long from = clamp(committed, min, max);
            replay = Math.max(0, from - target);
            skip = Math.max(0, target - from);
        }
        return new QueueRewind(queue.getBrokerName(), address, queue.getQueueId(), min, max, committed, target,
                targetStoreTime, replay, skip);
    }

    /** Whether messages were deleted from the queue and its oldest retained one is newer than the requested time. */
    private static boolean lostHistory(QueueRewind queue, long timestamp) {
        return queue.minOffset() > 0 && queue.targetOffset() == queue.minOffset()
                && queue.targetStoreTimestamp() != null && queue.targetStoreTimestamp() > timestamp;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
