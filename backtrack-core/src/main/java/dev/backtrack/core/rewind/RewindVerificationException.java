package dev.backtrack.core.rewind;

import dev.backtrack.core.RewindException;
import java.util.List;

/** After applying a rewind, some queues did not hold their target offsets; the message names each. */
public class RewindVerificationException extends RewindException {

    private final transient List<OffsetMismatch> queues;

    /** Creates the error listing "broker/queueId: expected X, found Y" for every queue that missed. */
    public RewindVerificationException(String group, String topic, List<OffsetMismatch> queues) {
        super("Rewind of group '" + group + "' on topic '" + topic + "' did not take effect on " + queues.size()
                + " queue(s): " + String.join("; ", queues.stream().map(OffsetMismatch::describe).toList()));
        this.queues = List.copyOf(queues);
    }

    /** One line per queue that did not take its target. */
    public List<String> mismatches() {
        return queues.stream().map(OffsetMismatch::describe).toList();
    }

    /** The queues that did not take their targets. */
    public List<OffsetMismatch> queues() {
        return queues;
    }
}
