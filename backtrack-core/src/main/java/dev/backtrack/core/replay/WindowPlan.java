package dev.backtrack.core.replay;

import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * What replaying a window to a group would do, per queue: nothing is changed by planning. A message is replayed when
 * the target's tag filter and the selection both take it.
 */
public record WindowPlan(ReplayWindow window, ReplayTarget target, List<WindowQueue> queues,
        MessageSelection selection) {

    /** The plan of a window replay, which takes every message the group's tags accept. */
    public WindowPlan(ReplayWindow window, ReplayTarget target, List<WindowQueue> queues) {
        this(window, target, queues, MessageSelection.ALL);
    }

    /** Whether {@code message} is replayed: in the window, and taken by the target's tags and the selection. */
    public boolean takes(MessageExt message) {
        return window.contains(message.getStoreTimestamp()) && target.filter().matches(message.getTags())
                && selection.matches(message);
    }

    /** Messages stored in the window, every queue. */
    public long stored() {
        return queues.stream().mapToLong(WindowQueue::stored).sum();
    }

    /** Messages that would be replayed: stored in the window and matching the group's tags. */
    public long matching() {
        return queues.stream().mapToLong(WindowQueue::matching).sum();
    }

    /** Messages of the window that the group's tags filter out. */
    public long filteredOut() {
        return queues.stream().mapToLong(WindowQueue::filteredOut).sum();
    }

    /** The queues where messages of the window may have been deleted already. */
    public List<WindowQueue> historyGone() {
        return queues.stream().filter(WindowQueue::historyGone).toList();
    }
}
