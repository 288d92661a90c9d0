package dev.backtrack.cli;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.undo.UndoResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One (group, topic) pair of a batch rewind or of the undo of a batch, as printed.
 *
 * @param group the consumer group
 * @param topic the topic
 * @param status MOVED, FAILED or NOT_ATTEMPTED
 * @param id the journal id of its rewind (or undo); null unless it moved
 * @param path how it moved; null unless it moved
 * @param verifiedOffsets the committed offsets read back, by {@code broker/queueId}; null unless it moved
 * @param reason why it failed; null unless it failed
 * @param warnings what went wrong after the offsets moved (e.g. the record could not be written)
 */
record BatchPairResult(String group, String topic, BatchStep.Status status, @Nullable String id,
        @Nullable String path, @Nullable Map<String, Long> verifiedOffsets, @Nullable String reason,
        List<String> warnings) {

    /** The step of a batch rewind ({@link RewindOutcome}) or of a batch undo ({@link UndoResult}) as printed. */
    static BatchPairResult of(BatchStep<?> step) {
        if (step.result() instanceof RewindOutcome done && done.applied() != null && done.entry() != null) {
            return moved(step, done.entry().id(), done.applied(), done.warnings());
        }
        if (step.result() instanceof UndoResult done) {
            return moved(step, done.entry().id(), done.outcome(), done.warnings());
        }
        return new BatchPairResult(step.group(), step.topic(), step.status(), null, null, null, step.reason(),
                List.of());
    }

    private static BatchPairResult moved(BatchStep<?> step, @Nullable String id, FleetRewind outcome,
            List<String> warnings) {
        return new BatchPairResult(step.group(), step.topic(), step.status(), id, outcome.applied().path().name(),
                outcome.applied().verifiedOffsets(), null, warnings);
    }

    /** Prints each pair on a line ({@code moved} says what a move did), its warnings under it. */
    static void print(PrintWriter out, List<BatchPairResult> pairs, String moved) {
        for (BatchPairResult pair : pairs) {
            out.println("  group " + pair.group() + ", topic " + pair.topic() + ": " + switch (pair.status()) {
                case MOVED -> moved + " (" + pair.path() + "), read back " + pair.verifiedOffsets() + ", journal id "
                        + pair.id();
                case FAILED -> "FAILED: " + pair.reason();
                case NOT_ATTEMPTED -> "not attempted (its offsets are as before)";
            });
            pair.warnings().forEach(warning -> out.println("    Warning: " + warning));
        }
        out.flush();
    }
}
