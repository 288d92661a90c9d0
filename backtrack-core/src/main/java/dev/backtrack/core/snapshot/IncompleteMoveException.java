package dev.backtrack.core.snapshot;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.operation.RewindOutcome;
import java.util.List;

/**
 * Applying plans on several topics failed after some of them moved: the message names the topics moved (with their
 * journal ids, for undo), the one that failed and why, and those not moved.
 */
public class IncompleteMoveException extends RewindException {

    private final transient List<RewindOutcome> moved;

    /** Creates the error: {@code moved} were applied, {@code failedTopic} failed with {@code cause}. */
    public IncompleteMoveException(String what, List<RewindOutcome> moved, String failedTopic,
            List<String> notMoved, RuntimeException cause) {
        super(what + " is INCOMPLETE: topic " + failedTopic + " failed (" + cause.getMessage() + "); moved: "
                + (moved.isEmpty() ? "none" : String.join(", ", moved.stream().map(o -> o.checked().plan().topic()
                        + (o.entry() == null ? "" : " (journal id " + o.entry().id() + ")")).toList()))
                + "; not moved: " + (notMoved.isEmpty() ? "none" : String.join(", ", notMoved))
                + ". Undo the moved topics with backtrack undo ID, or run it again.", cause);
        this.moved = List.copyOf(moved);
    }

    /** The outcomes of the topics that moved. */
    public List<RewindOutcome> moved() {
        return moved;
    }
}
