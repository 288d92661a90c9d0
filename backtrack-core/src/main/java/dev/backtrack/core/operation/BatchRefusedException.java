package dev.backtrack.core.operation;

import dev.backtrack.core.RewindException;
import java.util.stream.Collectors;

/**
 * A batch rewind refused as a whole because some of its (group, topic) pairs would be refused on their own: nothing
 * moved. The message names every refused pair and why, and how to leave them out.
 */
public class BatchRefusedException extends RewindException {

    private final transient BatchPlan plan;

    /** Creates the refusal of {@code plan}, naming its refused pairs. */
    public BatchRefusedException(BatchPlan plan) {
        super("The rewind of " + plan.request().scope().describe() + " is refused: " + plan.refused().size()
                + " of " + (plan.refused().size() + plan.planned().size()) + " group/topic pair(s) cannot move: "
                + plan.refused().stream().map(RefusedPair::describe).collect(Collectors.joining("; "))
                + ". Nothing was changed. " + (plan.planned().isEmpty() ? "No pair can move."
                        : "Move the others only with " + plan.request().skipRefusedHint() + "."));
        this.plan = plan;
    }

    /** The plan, with its refused pairs. */
    public BatchPlan plan() {
        return plan;
    }
}
