package dev.backtrack.core.operation;

import dev.backtrack.core.RewindException;

/**
 * A rewind refused because brokers that held queues of the topic are missing from its route now: their queues could
 * not move, so the group would replay on some queues only. Nothing was changed.
 */
public class PartialRewindException extends RewindException {

    private final transient CheckedPlan checked;

    /** Creates the refusal of {@code checked}, naming the way to accept it as {@code allowPartialHint}. */
    public PartialRewindException(CheckedPlan checked, String allowPartialHint) {
        super(checked.coverage().describe(checked.plan(), allowPartialHint) + " Nothing was changed.");
        this.checked = checked;
    }

    /** The plan that was refused, with the brokers it would miss. */
    public CheckedPlan checked() {
        return checked;
    }
}
