package dev.backtrack.console.rewind;

import dev.backtrack.core.snapshot.RestorePlan;
import dev.backtrack.core.snapshot.TopicsOutcome;

/**
 * A snapshot the console restored.
 *
 * @param plan the plan applied, with the snapshot
 * @param outcome what moved: one rewind per topic, sharing a batch id
 */
public record ConsoleRestore(RestorePlan plan, TopicsOutcome outcome) {
}
