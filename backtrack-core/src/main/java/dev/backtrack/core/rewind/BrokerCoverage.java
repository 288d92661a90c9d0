package dev.backtrack.core.rewind;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a rewind plan reaches every broker that held queues of its topic.
 *
 * @param plannedBrokers the brokers in the plan (the topic's route now), by name
 * @param missingBrokers brokers that held queues of the topic and are not in the route now; empty when complete
 * @param unchecked sources of evidence that could not be read (e.g. the journal), each with the reason
 */
public record BrokerCoverage(List<String> plannedBrokers, List<MissingBroker> missingBrokers, List<String> unchecked) {

    /** Whether no broker is known to be missing. */
    public boolean complete() {
        return missingBrokers.isEmpty();
    }

    /** The names of the missing brokers. */
    public List<String> missingBrokerNames() {
        return missingBrokers.stream().map(MissingBroker::broker).toList();
    }

    /**
     * What is missing and what would move, for an operator; {@code howToAccept} names the switch that accepts a
     * partial rewind (e.g. "--allow-partial"). Empty when complete.
     */
    public String describe(RewindPlan plan, String howToAccept) {
        if (complete()) {
            return "";
        }
        String missing = missingBrokers.stream().map(MissingBroker::describe).collect(Collectors.joining("; "));
        String moving = plannedBrokers.isEmpty() ? "nothing" : plannedBrokers.stream()
                .map(b -> b + " (" + plan.queues().stream().filter(q -> q.broker().equals(b)).count() + " queues)")
                .collect(Collectors.joining(", "));
        return "Partial rewind: topic '" + plan.topic() + "' had queues on broker(s) that are not in its route now: "
                + missing + ". Their queues cannot be moved and would keep group '" + plan.group()
                + "' at its current offsets there. Only " + moving + " would move, " + plan.messagesToReplay()
                + " messages to replay. Start the missing broker(s) and retry, or accept a partial rewind with "
                + howToAccept + ".";
    }
}
