package dev.backtrack.core.rewind;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where every queue of a topic will be moved for a group to replay from a point in time.
 *
 * @param group consumer group
 * @param topic topic
 * @param requestedTimestamp the requested time, epoch milliseconds (store time, inclusive)
 * @param queues per-queue plans, by broker then queue id
 * @param messagesToReplay total messages that will be consumed again
 * @param messagesToSkip total messages skipped because targets are ahead of committed offsets
 * @param historyTruncated whether part of the requested history is gone: on some queue messages were deleted by
 *     retention (its min offset is above 0) and its oldest retained message is newer than the requested time. A queue
 *     with min offset 0 never lost a message, so a time before its first message truncates nothing
 * @param oldestRetainedTimestamp the earliest store time among the oldest retained messages of the truncated queues
 *     (on each of them, everything stored before it is gone), or null when nothing is truncated
 * @param nothingToReplay whether the requested time is after every stored message
 */
public record RewindPlan(String group, String topic, long requestedTimestamp, List<QueueRewind> queues,
        long messagesToReplay, long messagesToSkip, boolean historyTruncated, @Nullable Long oldestRetainedTimestamp,
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
