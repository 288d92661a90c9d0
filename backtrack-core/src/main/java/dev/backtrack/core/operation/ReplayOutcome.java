package dev.backtrack.core.operation;

import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowReplayResult;
import java.util.List;

/**
 * What a window replay did.
 *
 * @param plan the window's messages per queue, those that match the group's tags and those filtered out
 * @param result what was replayed; {@link WindowReplayResult#complete()} is false when the replay stopped part way
 * @param warnings what the user must know: e.g. the messages were replayed but the record could not be written
 */
public record ReplayOutcome(WindowPlan plan, WindowReplayResult result, List<String> warnings) {

    /** Copies {@code warnings}. */
    public ReplayOutcome {
        warnings = List.copyOf(warnings);
    }
}
