package dev.backtrack.core.progress;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How far a group has got in consuming again what a rewind made it replay, at one moment.
 *
 * @param id the journal id of the rewind
 * @param group consumer group
 * @param topic topic
 * @param replayed messages consumed again so far, over every queue
 * @param total messages to consume again, over every queue with a catch-up point
 * @param percent replayed / total in percent (0 to 100; 100 when there is nothing to replay)
 * @param ratePerSecond messages consumed again per second over the recent samples (0 on the first sample)
 * @param etaSeconds seconds until done at that rate; 0 when done, null when the rate is not known or 0
 * @param done whether the group reached the catch-up point on every queue
 * @param sampledAt when the offsets were read, epoch milliseconds
 * @param queues per queue
 * @param skippedQueues queues the rewind moved where the group had no committed offset before (no catch-up point,
 *     so not counted), as {@code broker/queueId}
 */
public record ReplayProgress(String id, String group, String topic, long replayed, long total, double percent,
        double ratePerSecond, @Nullable Long etaSeconds, boolean done, long sampledAt, List<QueueProgress> queues,
        List<String> skippedQueues) {

    /** Messages still to consume again. */
    public long remaining() {
        return total - replayed;
    }
}
