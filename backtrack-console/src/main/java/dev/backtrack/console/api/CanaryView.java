package dev.backtrack.console.api;

import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.FailedCopy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What became of a run's canary, as the API shows it: how many messages went first, alone, whether the group consumed
 * each without failing, those it failed, and how many it had not consumed when the wait ended.
 *
 * @param sent canary messages sent
 * @param passed whether every one was consumed without failing (the rest was then sent)
 * @param failed those the group failed
 * @param notConsumed how many the group had not consumed when the wait ended
 * @param waitedMillis how long the run waited for the verdict
 */
public record CanaryView(int sent, boolean passed, List<FailedView> failed, int notConsumed, long waitedMillis) {

    /**
     * A canary message the group failed.
     *
     * @param msgId the message id the group's listener sees
     * @param origin where the original is stored, as "broker/queueId"
     * @param originOffset the original's offset there
     * @param failures how many times the group failed it, as the broker counts
     * @param deadLettered whether it reached the group's dead-letter topic
     * @param description all of it in words, as the run's reason names it
     */
    public record FailedView(String msgId, String origin, long originOffset, int failures, boolean deadLettered,
            String description) {
    }

    /** The view of {@code verdict} of a run to {@code group}; null when the run had no canary. */
    public static @Nullable CanaryView of(@Nullable CanaryVerdict verdict, String group) {
        if (verdict == null) {
            return null;
        }
        return new CanaryView(verdict.sent(), verdict.passed(), verdict.failed().stream()
                .map(f -> failed(f, group)).toList(), verdict.notConsumed().size(), verdict.waitedMillis());
    }

    private static FailedView failed(FailedCopy copy, String group) {
        return new FailedView(copy.msgId(), copy.origin(), copy.originOffset(), copy.failures(), copy.deadLettered(),
                copy.describe(group));
    }
}
