package dev.backtrack.core.replay;

import java.util.List;

/**
 * What became of a run's canary: the messages sent first, alone, and whether the group consumed each of them without
 * failing.
 *
 * @param sent how many were sent
 * @param failed those the group failed (sent back for a retry or to its dead-letter topic)
 * @param notConsumed those the group had not consumed when the wait ended
 * @param waitedMillis how long the run waited for the verdict
 */
public record CanaryVerdict(int sent, List<FailedCopy> failed, List<SentCopy> notConsumed, long waitedMillis) {

    /** Copies the lists. */
    public CanaryVerdict {
        failed = List.copyOf(failed);
        notConsumed = List.copyOf(notConsumed);
    }

    /** Whether every canary message was consumed without failing. */
    public boolean passed() {
        return failed.isEmpty() && notConsumed.isEmpty();
    }
}
