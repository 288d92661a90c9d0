package dev.backtrack.core.snapshot;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.ClusterListing;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.position.QueueRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * A group's committed offsets on some topics, read from the cluster: what a snapshot keeps and an export writes.
 *
 * @param group the consumer group
 * @param offsets per topic (in the order asked, or by name), the committed offset of each queue that has one
 */
public record GroupOffsets(String group, Map<String, SortedMap<QueueRef, Long>> offsets) {

    /** Keeps an unmodifiable copy. */
    public GroupOffsets {
        Map<String, SortedMap<QueueRef, Long>> copy = new LinkedHashMap<>();
        offsets.forEach((topic, queues) -> copy.put(topic, Collections.unmodifiableSortedMap(new TreeMap<>(queues))));
        offsets = Collections.unmodifiableMap(copy);
    }

    /**
     * The committed offsets of {@code group} on every queue of {@code topics}; with no topic, on every topic where the
     * group holds offsets ({@code listing}), its retry and dead-letter topics left out. Fails naming a topic where
     * the group has no committed offset, or a group that has none anywhere.
     */
    public static GroupOffsets read(ClusterAdmin admin, ClusterListing listing, String group, List<String> topics) {
        RocketMqNames.requireGroup(group);
        topics.forEach(RocketMqNames::requireTopic);
        List<String> asked = topics.isEmpty() ? List.copyOf(consumedTopics(listing, group))
                : List.copyOf(new LinkedHashSet<>(topics));
        if (asked.isEmpty()) {
            throw new InvalidRewindInputException("Group '" + group + "' holds no committed offset on any topic "
                    + "(it does not exist, or never consumed); nothing was recorded. Accepted: a group that has "
                    + "consumed, see backtrack offsets");
        }
        Map<String, SortedMap<QueueRef, Long>> offsets = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        for (String topic : asked) {
            List<QueueAddress> queues = admin.queues(topic);
            SortedMap<QueueRef, Long> committed = new TreeMap<>();
            admin.committedOffsets(group, queues).forEach((queue, offset) -> committed.put(QueueRef.of(queue), offset));
            if (committed.isEmpty()) {
                without.add(topic);
            }
            offsets.put(topic, committed);
        }
        if (!without.isEmpty()) {
            SortedSet<String> consumed = consumedTopics(listing, group);
            throw new InvalidRewindInputException("Group '" + group + "' has no committed offset on topic(s) "
                    + String.join(", ", without) + "; nothing was recorded. Accepted: topics the group consumes ("
                    + (consumed.isEmpty() ? "none: it never consumed" : String.join(", ", consumed)) + ")");
        }
        return new GroupOffsets(group, offsets);
    }

    /** The topics where {@code group} holds offsets, by name, its retry and dead-letter topics left out. */
    public static SortedSet<String> consumedTopics(ClusterListing listing, String group) {
        SortedSet<String> topics = new TreeSet<>();
        for (MessageQueue queue : listing.consumeOffsets(group).keySet()) {
            String topic = queue.getTopic();
            if (!topic.startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)
                    && !topic.startsWith(MixAll.DLQ_GROUP_TOPIC_PREFIX)) {
                topics.add(topic);
            }
        }
        return topics;
    }

    /** How many queues hold an offset, over every topic. */
    public int queueCount() {
        return offsets.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * One journal entry per topic of {@code kind} (a snapshot or an export), each queue's {@code from} and {@code to}
     * the offset kept, by {@code actor} at {@code at}, sharing {@code batch}. Nothing moved: 0 messages to replay.
     */
    List<JournalEntry> entries(JournalKind kind, String requested, String actor, long at, String batch) {
        List<JournalEntry> entries = new ArrayList<>();
        offsets.forEach((topic, queues) -> entries.add(new JournalEntry(kind, group, topic, requested, -1, at, actor,
                0, queues.entrySet().stream().map(e -> new QueueMove(e.getKey().broker(), e.getKey().queueId(),
                        e.getValue(), e.getValue())).toList()).inBatch(batch)));
        return entries;
    }

    /** The offsets kept in a snapshot's or an export's entry, by queue. */
    static SortedMap<QueueRef, Long> of(JournalEntry entry) {
        SortedMap<QueueRef, Long> kept = new TreeMap<>();
        entry.queues().forEach(q -> kept.put(new QueueRef(q.broker(), q.queueId()), q.to()));
        return kept;
    }
}
