package dev.backtrack.core.journal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Where the copies of a journal entry go: one queue on each broker that has the journal's topic, brokers by name, the
 * lowest queue id of each. The writer stores a copy on the first {@link #COPIES} of them that take it, so that losing
 * any one broker loses no entry, and every writer picks the same brokers while they are up.
 */
final class CopyPlacement {

    /** How many brokers keep a copy of each entry (every broker of the topic where there are fewer). */
    static final int COPIES = 2;

    private CopyPlacement() {
    }

    /** One queue a broker, in the order copies are tried: brokers by name, the lowest queue id of each. */
    static List<MessageQueue> oneQueuePerBroker(List<MessageQueue> writable) {
        Map<String, MessageQueue> firstOfEach = new TreeMap<>();
        for (MessageQueue queue : writable) {
            firstOfEach.merge(queue.getBrokerName(), queue,
                    (kept, other) -> Comparator.comparingInt(MessageQueue::getQueueId).compare(kept, other) <= 0
                            ? kept : other);
        }
        return List.copyOf(firstOfEach.values());
    }

    /** How many copies an entry needs: {@link #COPIES}, or every broker when fewer have the topic. */
    static int needed(int brokers) {
        return Math.min(COPIES, brokers);
    }
}
