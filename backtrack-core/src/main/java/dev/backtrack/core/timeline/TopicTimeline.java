package dev.backtrack.core.timeline;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.QueuePositions;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * Counts a topic's messages per time bucket without reading a single message: on every queue of every broker, the
 * broker's offset-by-time look-up at each bucket edge gives the first offset stored at or after it, and the messages
 * of a bucket are the difference of the offsets at its two edges. A timeline costs (buckets + 1) look-ups per queue
 * plus two for the queue's bounds, whatever the number of messages; the brokers are asked in parallel.
 *
 * <p>Messages deleted by retention are not counted (a look-up before the oldest retained message answers the min
 * offset); a bucket in the future counts nothing.
 */
public class TopicTimeline {

    private final QueuePositions admin;

    /** Reads through the given admin connection. */
    public TopicTimeline(QueuePositions admin) {
        this.admin = admin;
    }

    /** The counts of {@code topic} per bucket, and where {@code group} stands when it is not null. */
    public Timeline read(String topic, TimeBuckets buckets, @Nullable String group) {
        RocketMqNames.requireTopic(topic);
        if (group != null) {
            RocketMqNames.requireGroup(group);
        }
        List<QueueAddress> queues = admin.queues(topic);
        Map<String, List<QueueAddress>> byBroker = new LinkedHashMap<>();
        queues.forEach(q -> byBroker.computeIfAbsent(q.brokerAddress(), b -> new ArrayList<>()).add(q));
        long[] edges = buckets.edges();
        long[] counts = new long[buckets.count()];
        List<QueuePosition> position = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(byBroker.size(), 8)), runnable -> {
            Thread thread = new Thread(runnable, "backtrack-timeline");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<List<QueueCounts>>> perBroker = byBroker.values().stream()
                    .map(brokerQueues -> CompletableFuture.supplyAsync(
                            () -> brokerQueues.stream().map(q -> count(q, edges, group)).toList(), pool))
                    .toList();
            for (CompletableFuture<List<QueueCounts>> broker : perBroker) {
                for (QueueCounts queue : join(broker)) {
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] += queue.counts()[i];
                    }
                    if (queue.position() != null) {
                        position.add(queue.position());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<TimelineBucket> result = new ArrayList<>(counts.length);
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            result.add(new TimelineBucket(edges[i], edges[i + 1], counts[i]));
            total += counts[i];
        }
        return new Timeline(topic, buckets.from(), buckets.until(), buckets.bucketMillis(), List.copyOf(result), total,
                List.copyOf(position));
    }

    /** One queue's counts per bucket and the group's position there (null without a group). */
    private record QueueCounts(long[] counts, @Nullable QueuePosition position) {
    }

    private QueueCounts count(QueueAddress queue, long[] edges, @Nullable String group) {
        String address = queue.brokerAddress();
        MessageQueue mq = queue.queue();
        long min = admin.minOffset(address, mq);
        long max = admin.maxOffset(address, mq);
        long[] counts = new long[edges.length - 1];
        if (min < max) {
            long previous = admin.searchOffset(address, mq, edges[0]);
            for (int i = 1; i < edges.length; i++) {
                long next = admin.searchOffset(address, mq, edges[i]);
                counts[i - 1] = Math.max(0, next - previous);
                previous = Math.max(previous, next);
            }
        }
        QueuePosition position = null;
        if (group != null) {
            Long committed = admin.committedOffset(address, group, mq);
            Long storeTime = committed != null && committed >= min && committed < max
                    ? admin.storeTimestampAt(address, mq, committed) : null;
            position = new QueuePosition(mq.getBrokerName(), mq.getQueueId(), committed, storeTime);
        }
        return new QueueCounts(counts, position);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new RewindException("Cannot read the timeline: " + e.getCause(), e.getCause());
        }
    }
}
