package dev.backtrack.core.operation;

import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.RewindPlan;

/**
 * A plan and whether it reaches every broker that held queues of the topic.
 *
 * @param plan the plan
 * @param coverage the brokers it reaches and those it would miss
 */
public record CheckedPlan(RewindPlan plan, BrokerCoverage coverage) {
}
