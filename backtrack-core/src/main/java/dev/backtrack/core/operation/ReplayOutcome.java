package dev.backtrack.core.operation;

import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowReplayResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a window replay did.
 *
 * @param plan the window's messages per queue, those that match the group's tags and those filtered out
 * @param result what was replayed; {@link WindowReplayResult#complete()} is false when the replay stopped part way
 * @param warnings what the user must know: e.g. the messages were replayed but the record could not be written
 * @param canary what became of the canary; null when none was asked
 * @param runId the run's id, which resume and abort take
 * @param state how the run ended: finished, paused (its canary or too many messages failed), or failed (a send)
 */
public record ReplayOutcome(WindowPlan plan, WindowReplayResult result, List<String> warnings,
        @Nullable CanaryVerdict canary, String runId, RunState state) {

    /** Copies {@code warnings}. */
    public ReplayOutcome {
        warnings = List.copyOf(warnings);
    }
}
