package dev.backtrack.core.replay;

import dev.backtrack.core.cluster.RocketMqAdmin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * How far a run got, as the group's retry topic shows it: every copy the run sent carries its id and the offset of its
 * original ({@link ReplayedMessages}), and each queue is sent in offset order with every send confirmed before the
 * next, so the highest original offset among a queue's copies is where that queue got to, whatever stopped the run
 * (a pause, a failed send, a killed process). Reading the copies rather than a record means a send the broker stored
 * just before the process died is counted, and nothing is sent twice.
 *
 * @param next per original queue ("broker/queueId"), the offset after the highest one the run sent
 * @param sent per original queue, how many copies the run stored (retries of them not counted)
 * @param lastStoredAt when the latest copy was stored, epoch milliseconds; 0 when there is none
 */
public record RunProgress(Map<String, Long> next, Map<String, Long> sent, long lastStoredAt) {

    /** How many copies the run stored, every queue. */
    public long copies() {
        return sent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads the copies of run {@code runId} stored in {@code group}'s retry topic since {@code since} (epoch ms). */
    public static RunProgress read(RocketMqAdmin admin, String group, String runId, Map<String, String> brokers,
            long since) {
        String retryTopic = MixAll.getRetryTopic(group);
        Map<String, Long> next = new HashMap<>();
        Map<String, Long> sent = new HashMap<>();
        long[] last = {0};
        try (WindowReader reader = new WindowReader(admin)) {
            brokers.forEach((name, address) -> {
                for (MessageQueue queue : retryQueues(admin, retryTopic, name)) {
                    long end = admin.maxOffset(address, queue);
                    long begin = Math.min(end, admin.searchOffset(address, queue, since));
                    reader.read(queue, begin, end, message -> {
                        if (!runId.equals(message.getProperty(ReplayedMessages.RUN))
                                || message.getReconsumeTimes() > 0) {
                            return;
                        }
                        String origin = message.getProperty(ReplayedMessages.ORIGIN_QUEUE);
                        last[0] = Math.max(last[0], message.getStoreTimestamp());
                        sent.merge(origin, 1L, Long::sum);
                        next.merge(origin, Long.parseLong(message.getProperty(ReplayedMessages.ORIGIN_OFFSET)) + 1,
                                Math::max);
                    });
                }
            });
        }
        return new RunProgress(Map.copyOf(next), Map.copyOf(sent), last[0]);
    }

    private static List<MessageQueue> retryQueues(RocketMqAdmin admin, String retryTopic, String broker) {
        try {
            return admin.route(retryTopic).getQueueDatas().stream().filter(q -> q.getBrokerName().equals(broker))
                    .flatMap(q -> java.util.stream.IntStream.range(0, Math.max(q.getReadQueueNums(),
                            q.getWriteQueueNums())).mapToObj(id -> new MessageQueue(retryTopic, broker, id)))
                    .toList();
        } catch (dev.backtrack.core.UnknownTopicException e) {
            return List.of(); // never made: nothing was sent
        }
    }
}
