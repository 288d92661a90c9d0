package dev.backtrack.core.snapshot;

import dev.backtrack.core.operation.CheckedPlan;
import java.util.List;

/**
 * The checked plans of one group on several topics, made before anything moves and applied together as one batch
 * (a snapshot's restore, a file's import).
 *
 * @param group the consumer group
 * @param asked what was asked, as recorded on each topic's entry (e.g. {@code snapshot before-deploy})
 * @param plans one checked plan per topic
 */
public record TopicPlans(String group, String asked, List<CheckedPlan> plans) {

    /** Copies {@code plans}. */
    public TopicPlans {
        plans = List.copyOf(plans);
    }

    /** Messages the group will consume again, over every topic. */
    public long messagesToReplay() {
        return plans.stream().mapToLong(p -> p.plan().messagesToReplay()).sum();
    }

    /** Messages the group will skip, over every topic. */
    public long messagesToSkip() {
        return plans.stream().mapToLong(p -> p.plan().messagesToSkip()).sum();
    }

    /** How many queues move, over every topic. */
    public int queueCount() {
        return plans.stream().mapToInt(p -> p.plan().queues().size()).sum();
    }

    /** Whether every plan reaches every broker that held queues of its topic. */
    public boolean complete() {
        return plans.stream().allMatch(p -> p.coverage().complete());
    }
}
