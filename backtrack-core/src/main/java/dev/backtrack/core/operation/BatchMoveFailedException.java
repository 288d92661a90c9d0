package dev.backtrack.core.operation;

import dev.backtrack.core.RewindException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A batch that moved positions failed on one pair after others may have moved: the message and {@link #steps()} say,
 * per pair, which moved (and are recorded under the batch id), which failed and why, and which were not attempted.
 */
public class BatchMoveFailedException extends RewindException {

    private final String batch;
    private final transient List<BatchStep<?>> steps;

    /** Creates the failure of the batch {@code batch}, whose pairs ended as {@code steps}. */
    public BatchMoveFailedException(String what, String batch, List<? extends BatchStep<?>> steps) {
        super(what + " (batch " + batch + ") failed part way: "
                + steps.stream().map(BatchStep::describe).collect(Collectors.joining("; "))
                + (steps.stream().anyMatch(s -> s.status() == BatchStep.Status.MOVED)
                        ? ". The moved pairs are recorded under batch " + batch + "." : ". Nothing moved."));
        this.batch = batch;
        this.steps = List.copyOf(steps);
    }

    /** The batch id the moved pairs are recorded under. */
    public String batch() {
        return batch;
    }

    /** Every pair: moved, failed with the reason, or not attempted. */
    public List<BatchStep<?>> steps() {
        return steps;
    }
}
