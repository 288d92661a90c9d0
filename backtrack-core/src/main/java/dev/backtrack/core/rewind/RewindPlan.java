package dev.backtrack.core.rewind;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where queues of a topic will be moved for a group: to a point in time, to offsets, by a shift or to another group's
 * offsets.
 *
 * @param group consumer group
 * @param topic topic
 * @param requestedTimestamp the requested time, epoch milliseconds (store time, inclusive); -1 for a plan not by time
 * @param queues per-queue plans of the queues that move, by broker then queue id
 * @param messagesToReplay total messages that will be consumed again
 * @param messagesToSkip total messages skipped because targets are ahead of committed offsets
 * @param historyTruncated whether part of the requested history is gone: on some queue messages were deleted by
 *     retention (its min offset is above 0) and its oldest retained message is newer than the requested time. A queue
 *     with min offset 0 never lost a message, so a time before its first message truncates nothing
 * @param oldestRetainedTimestamp the earliest store time among the oldest retained messages of the truncated queues
 *     (on each of them, everything stored before it is gone), or null when nothing is truncated
 * @param nothingToReplay whether every target is at the end of its queue (by time: the time is after every message)
 * @param position what was asked, as recorded in the journal: the time as written, {@code offset 5},
 *     {@code offsets broker-a/0=5}, {@code shift -100} or {@code group of OTHER}
 * @param otherGroup the group whose offsets are copied, or null
 * @param selectedQueues the queues the rewind was limited to ({@code broker/queueId}); empty when not limited
 * @param untouchedQueues queues of the topic in its route that do not move ({@code broker/queueId})
 * @param notes what the operator must know about single queues: clamped targets, queues left where they are
 */
public record RewindPlan(String group, String topic, long requestedTimestamp, List<QueueRewind> queues,
        long messagesToReplay, long messagesToSkip, boolean historyTruncated, @Nullable Long oldestRetainedTimestamp,
        boolean nothingToReplay, String position, @Nullable String otherGroup, List<String> selectedQueues,
        List<String> untouchedQueues, List<String> notes) {

    /** The requestedTimestamp of a plan that is not by time. */
    public static final long NOT_BY_TIME = -1;

    /** A plan by time of every queue of the topic. */
    public RewindPlan(String group, String topic, long requestedTimestamp, List<QueueRewind> queues,
            long messagesToReplay, long messagesToSkip, boolean historyTruncated,
            @Nullable Long oldestRetainedTimestamp, boolean nothingToReplay) {
        this(group, topic, requestedTimestamp, queues, messagesToReplay, messagesToSkip, historyTruncated,
                oldestRetainedTimestamp, nothingToReplay, Long.toString(requestedTimestamp), null, List.of(),
                List.of(), List.of());
    }

    /**
     * This plan with {@code asked} as what was asked (e.g. {@code snapshot before-deploy} for offsets taken from a
     * snapshot), as shown and recorded in the journal; nothing else changes.
     */
    public RewindPlan describedAs(String asked) {
        return new RewindPlan(group, topic, requestedTimestamp, queues, messagesToReplay, messagesToSkip,
                historyTruncated, oldestRetainedTimestamp, nothingToReplay, asked, otherGroup, selectedQueues,
                untouchedQueues, notes);
    }

    /** Whether the plan is by time. */
    public boolean byTime() {
        return requestedTimestamp != NOT_BY_TIME;
    }

    /** What was asked and the queues it was limited to, as one line for the journal (e.g. {@code shift -5 on broker-a/0}). */
    public String asked() {
        return selectedQueues.isEmpty() ? position : position + " on " + String.join(",", selectedQueues);
    }

    /** A one-line description of the plan. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append("group ").append(group).append(", topic ").append(topic).append(": ")
                .append(queues.size()).append(" queues, ").append(messagesToReplay).append(" messages to replay");
        if (messagesToSkip > 0) {
            text.append(", ").append(messagesToSkip).append(" to skip");
        }
        if (!untouchedQueues.isEmpty()) {
            text.append(", ").append(untouchedQueues.size()).append(" not moved");
        }
        if (nothingToReplay) {
            text.append(byTime() ? "; the requested time is after every stored message"
                    : "; every target is at the end of its queue");
        }
        if (historyTruncated) {
            text.append("; history before ").append(oldestRetainedTimestamp)
                    .append(" (epoch ms) is no longer retained: ")
                    .append(oldestRetainedTimestamp - requestedTimestamp).append(" ms of the requested span are gone");
        }
        if (!notes.isEmpty()) {
            text.append("; ").append(notes.size()).append(notes.size() == 1 ? " note" : " notes");
        }
        return text.toString();
    }
}
