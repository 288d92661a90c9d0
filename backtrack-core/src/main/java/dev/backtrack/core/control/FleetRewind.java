package dev.backtrack.core.control;

import dev.backtrack.core.rewind.AppliedRewind;
import java.util.List;

/**
 * A rewind applied to every instance of a group.
 *
 * @param applied the applied and verified rewind
 * @param acknowledgements one per instance that answered: the queues it repositioned in place, or why it could not
 * @param silentClients connected consumers that did not acknowledge (they do not run the starter)
 * @param note what the operator should know about how it was applied (on the fallback path: which instance could not
 *     rewind in place and why, and which consumers did not answer)
 */
public record FleetRewind(AppliedRewind applied, List<RewindAck> acknowledgements, List<String> silentClients,
        String note) {
}
