package dev.backtrack.core.replay;

import org.jspecify.annotations.Nullable;

/**
 * One queue's part of a window: offsets [{@code beginOffset}, {@code endOffset}) hold the messages stored in the
 * window; {@code matching} of them match the group's tags, {@code filteredOut} do not. {@code historyGone} says that
 * messages of the window may have been deleted already (the queue's oldest retained message, stored at
 * {@code earliestRetained}, is newer than the window's start).
 */
public record WindowQueue(String broker, int queueId, String brokerAddress, long beginOffset, long endOffset,
        long matching, long filteredOut, boolean historyGone, @Nullable Long earliestRetained) {

    /** How many messages of the window the queue holds. */
    public long stored() {
        return endOffset - beginOffset;
    }
}
