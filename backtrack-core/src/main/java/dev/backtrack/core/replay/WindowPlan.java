package dev.backtrack.core.replay;

import java.util.List;

/** What replaying a window to a group would do, per queue: nothing is changed by planning. */
public record WindowPlan(ReplayWindow window, ReplayTarget target, List<WindowQueue> queues) {

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
