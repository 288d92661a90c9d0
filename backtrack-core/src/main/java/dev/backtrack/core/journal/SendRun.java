package dev.backtrack.core.journal;

import org.jspecify.annotations.Nullable;

/**
 * What a journal entry of a window replay or a redrive says about its run: which run, in which state, and what a
 * resume needs to send the rest as it was asked.
 *
 * @param id the run's id, the id of its first entry
 * @param state where the run stands with this entry
 * @param until the window's end, epoch milliseconds (its start is the entry's timestamp)
 * @param tags the tag expression the run took (for a replay, the group's subscription as it was read)
 * @param keys the keys the run took, joined by commas; null for any
 * @param filter the SQL92 filter the run took; null for none
 * @param rate the rate asked, as typed; null for no limit
 * @param pauseAbovePercent the failure share above which the run pauses
 * @param reason why it paused, failed or was aborted; null otherwise
 */
public record SendRun(String id, RunState state, long until, @Nullable String tags, @Nullable String keys,
        @Nullable String filter, @Nullable String rate, double pauseAbovePercent, @Nullable String reason) {

    /** This run in {@code newState}, for {@code why} (null when there is nothing to say). */
    public SendRun in(RunState newState, @Nullable String why) {
        return new SendRun(id, newState, until, tags, keys, filter, rate, pauseAbovePercent, why);
    }
}
