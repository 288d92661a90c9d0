package dev.backtrack.core.inventory;

import java.util.List;

/**
 * An application topic.
 *
 * @param topic the topic
 * @param queues readable queues on every broker
 * @param brokers names of the brokers holding its queues
 * @param messages messages retained (max offset - min offset, summed over its queues)
 */
public record TopicSummary(String topic, int queues, List<String> brokers, long messages) {
}
