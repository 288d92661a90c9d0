package dev.backtrack.core.rewind;

import java.util.List;

/**
 * Where every queue of a topic will be moved for a group to replay from a point in time.
 *
 * @param group consumer group
 * @param topic topic
 * @param requestedTimestamp the requested time, epoch milliseconds (store time, inclusive)
 * @param queues per-queue plans, by broker then queue id
 * @param messagesToReplay total messages that will be consumed again
 * @param messagesToSkip total messages skipped because targets are ahead of committed offsets
 * @param historyTruncated whether messages older than the oldest retained one existed, so part of the requested
 *     history may be gone
 * @param oldestRetainedTimestamp store time of the oldest retained message on the truncated queues, or null
 * @param nothingToReplay whether the requested time is after every stored message
 */
public record RewindPlan(String group, String topic, long requestedTimestamp, List<QueueRewind> queues,
        long messagesToReplay, long messagesToSkip, boolean historyTruncated, Long oldestRetainedTimestamp,
        boolean nothingToReplay) {

    /** A one-line description of the plan. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append("group ").append(group).append(", topic ").append(topic).append(": ")
                .append(queues.size()).append(" queues, ").append(messagesToReplay).append(" messages to replay");
        if (messagesToSkip > 0) {
            text.append(", ").append(messagesToSkip).append(" to skip");
        }
        if (nothingToReplay) {
            text.append("; the requested time is after every stored message");
        }
        if (historyTruncated) {
            text.append("; history before ").append(oldestRetainedTimestamp)
                    .append(" (epoch ms) is no longer retained: ")
                    .append(oldestRetainedTimestamp - requestedTimestamp).append(" ms of the requested span are gone");
        }
        return text.toString();
    }
}
