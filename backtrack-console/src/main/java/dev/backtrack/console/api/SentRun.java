package dev.backtrack.console.api;

import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.replay.WindowReplayResult;
import org.jspecify.annotations.Nullable;

/**
 * What a run of a window replay or a redrive did, as the API shows it beside the plan: the run's id (which resume and
 * abort take), how it ended, its canary's verdict, and why it stopped before sending everything.
 *
 * @param runId the run's id; null for a dry run
 * @param state finished, paused or failed; null for a dry run
 * @param canary the canary's verdict; null without a canary
 * @param error why the run stopped part way ("The replay paused: ..."); null when it sent everything
 */
public record SentRun(@Nullable String runId, @Nullable RunState state, @Nullable CanaryView canary,
        @Nullable String error) {

    /** A dry run: nothing was sent. */
    public static final SentRun NONE = new SentRun(null, null, null, null);

    /** What {@code outcome} says, its stop worded as one of {@code words}' operation ("The redrive paused: ..."). */
    public static SentRun of(ReplayOutcome outcome, SendRequest.Words words) {
        WindowReplayResult result = outcome.result();
        return new SentRun(outcome.runId(), outcome.state(), CanaryView.of(outcome.canary(),
                outcome.plan().window().group()), result.complete() ? null : "The " + words.noun() + " "
                        + result.failure());
    }
}
