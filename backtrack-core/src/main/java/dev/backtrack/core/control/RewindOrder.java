package dev.backtrack.core.control;

import dev.backtrack.core.replay.SendRate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rewind sent to every application instance that runs the starter; each applies it to the queues it holds.
 *
 * @param requestId identifies the order and its acknowledgements
 * @param group consumer group
 * @param topic topic
 * @param targets where every queue of the topic must be
 * @param issuedBy who asked for it
 * @param issuedAt when, epoch milliseconds
 * @param ratePerSecond at most how many replayed messages a second the whole group consumes, each instance its share
 *     by the queues it holds; null (as in orders sent before rates existed) for no limit
 */
public record RewindOrder(String requestId, String group, String topic, List<QueueTarget> targets, String issuedBy,
        long issuedAt, @Nullable Double ratePerSecond) {

    /** An order without a rate: the replayed messages are consumed at full speed. */
    public RewindOrder(String requestId, String group, String topic, List<QueueTarget> targets, String issuedBy,
            long issuedAt) {
        this(requestId, group, topic, targets, issuedBy, issuedAt, null);
    }

    /**
     * The rate the group consumes the replayed messages at ({@link SendRate#UNLIMITED} when the order has none, or
     * one that is not above 0).
     */
    public SendRate rate() {
        return ratePerSecond == null || !(ratePerSecond > 0) ? SendRate.UNLIMITED : new SendRate(ratePerSecond);
    }
}
