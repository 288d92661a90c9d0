package dev.backtrack.core.inventory;

import java.util.List;

/**
 * A consumer group and where it stands.
 *
 * @param group the group
 * @param topics topics it holds offsets on or subscribes to (retry topics left out)
 * @param online consumers connected now
 * @param clients the connected consumers
 * @param lag messages not consumed yet, over every queue
 * @param queues per queue committed and max offset
 */
public record GroupSummary(String group, List<String> topics, int online, List<Client> clients, long lag,
        List<Queue> queues) {

    /** A connected consumer: RocketMQ's client id and its address. */
    public record Client(String clientId, String address) {
    }

    /** The group's offsets on one queue. */
    public record Queue(String topic, String broker, int queueId, long committedOffset, long maxOffset, long lag) {
    }
}
