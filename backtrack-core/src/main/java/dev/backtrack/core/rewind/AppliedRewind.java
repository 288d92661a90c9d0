package dev.backtrack.core.rewind;

import java.util.Map;

/**
 * A rewind that was applied and read back from every broker.
 *
 * @param plan the plan that was applied
 * @param path how it was applied
 * @param verifiedOffsets the committed offsets read back, keyed "broker/queueId" (for a group consuming in pop mode
 *     reset through the brokers: the targets the brokers accepted, where the consumer had taken them and moved on
 *     before they could be read)
 * @param appliedAt when it was applied, epoch milliseconds
 */
public record AppliedRewind(RewindPlan plan, RewindPath path, Map<String, Long> verifiedOffsets, long appliedAt) {

    /** One line saying how the rewind was applied and when the consumers will follow. */
    public String note() {
        return path.note();
    }
}
