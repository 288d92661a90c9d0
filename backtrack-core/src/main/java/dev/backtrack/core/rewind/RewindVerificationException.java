package dev.backtrack.core.rewind;

import java.util.List;

/** After applying a rewind, some queues did not hold their target offsets; the message names each. */
public class RewindVerificationException extends RewindException {

    private final List<String> mismatches;

    /** Creates the error listing "broker/queueId: expected X, found Y" for every queue that missed. */
    public RewindVerificationException(String group, String topic, List<String> mismatches) {
        super("Rewind of group '" + group + "' on topic '" + topic + "' did not take effect on "
                + mismatches.size() + " queue(s): " + String.join("; ", mismatches));
        this.mismatches = List.copyOf(mismatches);
    }

    /** One entry per queue that did not take its target. */
    public List<String> mismatches() {
        return mismatches;
    }
}
