package dev.backtrack.core.rewind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

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
        RocketMqNames.requireTopic(topic);
        TopicRouteData route = admin.route(topic);
        List<QueueRewind> queues = new ArrayList<>();
        Long oldestRetained = null;
        boolean truncated = false;
        for (QueueData queueData : route.getQueueDatas()) {
            String address = masterAddress(route, queueData.getBrokerName(), topic);
            for (int queueId = 0; queueId < queueData.getReadQueueNums(); queueId++) {
                MessageQueue queue = new MessageQueue(topic, queueData.getBrokerName(), queueId);
                QueueRewind planned = planQueue(address, group, queue, timestampMillis);
                queues.add(planned);
                if (planned.minOffset() > 0 && planned.targetOffset() == planned.minOffset()
                        && planned.minOffset() < planned.maxOffset()) {
                    Long oldest = planned.targetStoreTimestamp();
                    if (oldest != null && oldest > timestampMillis) {
                        truncated = true;
                        oldestRetained = oldestRetained == null ? oldest : Math.min(oldestRetained, oldest);
                    }
                }
            }
        }
        queues.sort(Comparator.comparing(QueueRewind::broker).thenComparingInt(QueueRewind::queueId));
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

    private static String masterAddress(TopicRouteData route, String brokerName, String topic) {
        for (BrokerData broker : route.getBrokerDatas()) {
            if (broker.getBrokerName().equals(brokerName)) {
                String address = broker.getBrokerAddrs().get(0L);
                if (address != null) {
                    return address;
                }
            }
        }
        throw new RewindException("Topic '" + topic + "' has queues on broker " + brokerName
                + ", but the name server knows no master address for it");
    }
}
