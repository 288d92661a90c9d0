package dev.backtrack.core.operation;

import java.util.List;

/**
 * What a batch rewind did: every pair moved, each recorded in the journal under the batch id.
 *
 * @param batch the id shared by the journal entries of the batch; {@code undo} takes it
 * @param plan the plan applied, with the refused pairs left out
 * @param steps one per moved pair, in plan order
 */
public record BatchRewindOutcome(String batch, BatchPlan plan, List<BatchStep<RewindOutcome>> steps) {

    /** Copies {@code steps}. */
    public BatchRewindOutcome {
        steps = List.copyOf(steps);
    }
}
