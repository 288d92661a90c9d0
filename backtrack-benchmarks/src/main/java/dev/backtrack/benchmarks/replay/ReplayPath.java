package dev.backtrack.benchmarks.replay;

import dev.backtrack.core.rewind.RewindPlan;

/** One way of consuming a replay, measured against the others on the same broker. */
public interface ReplayPath {

    /** Seconds without a new message after which a replay counts as stalled. */
    int STALL_SECONDS = 60;

    /** What the table calls this path. */
    String label();

    /** Replays what {@code plan} (not yet applied) covers, recording each order in {@code counter}, until caught up. */
    void replay(RewindPlan plan, ReplayCounter counter) throws Exception;
}
