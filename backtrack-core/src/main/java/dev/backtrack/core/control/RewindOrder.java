package dev.backtrack.core.control;

import java.util.List;

/**
 * A rewind sent to every application instance that runs the starter; each applies it to the queues it holds.
 *
 * @param requestId identifies the order and its acknowledgements
 * @param group consumer group
 * @param topic topic
 * @param targets where every queue of the topic must be
 * @param issuedBy who asked for it
 * @param issuedAt when, epoch milliseconds
 */
public record RewindOrder(String requestId, String group, String topic, List<QueueTarget> targets, String issuedBy,
        long issuedAt) {
}
