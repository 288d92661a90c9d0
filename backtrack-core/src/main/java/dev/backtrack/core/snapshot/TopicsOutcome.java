package dev.backtrack.core.snapshot;

import dev.backtrack.core.operation.RewindOutcome;
import java.util.List;

/**
 * What applying {@link TopicPlans} did: one rewind per topic, each journaled as a REWIND of the batch.
 *
 * @param batch the batch id the topics' entries share
 * @param outcomes one outcome per topic, in the plans' order
 */
public record TopicsOutcome(String batch, List<RewindOutcome> outcomes) {

    /** Copies {@code outcomes}. */
    public TopicsOutcome {
        outcomes = List.copyOf(outcomes);
    }

    /** The warnings of every topic, each prefixed with its topic. */
    public List<String> warnings() {
        return outcomes.stream().flatMap(o -> o.warnings().stream().map(w -> o.checked().plan().topic() + ": " + w))
                .toList();
    }
}
