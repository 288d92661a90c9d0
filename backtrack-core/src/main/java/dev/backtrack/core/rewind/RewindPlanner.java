package dev.backtrack.core.rewind;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.cluster.OffsetRange;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.PositionRequest.AtTime;
import dev.backtrack.core.position.PositionRequest.ShiftBy;
import dev.backtrack.core.position.PositionRequest.ToGroupOf;
import dev.backtrack.core.position.PositionRequest.ToOffset;
import dev.backtrack.core.position.PositionRequest.ToOffsets;
import dev.backtrack.core.position.QueueRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * Plans, per queue on every broker of a topic, where a group must start: at a point in time, at given offsets, a
 * number of messages from its committed offsets, or at another group's committed offsets; optionally on some queues
 * only (the others do not move).
 *
 * <p>By time, the target of a queue is its first message whose store time (the broker's clock, in milliseconds) is at
 * or after the requested time: the broker finds it by binary search, and one message is read for its store time, so a
 * plan costs a few requests per queue whatever the queue's size. The cluster is asked for every queue at once (offset
 * bounds and committed offsets in one request per broker, the searches and reads side by side). A time before the oldest retained message targets
 * the min offset; a time after the newest targets the max offset (nothing to replay there). History is truncated on
 * a queue when messages were deleted from it (min offset above 0) and its oldest retained one is newer than the
 * requested time: part of what was asked for is gone. A queue with min offset 0 still holds all it ever had.
 *
 * <p>By offset, shift or other group, a requested offset below the queue's min offset or above its max offset is
 * clamped to that bound, and the plan carries a note saying so for that queue. A queue with nothing to move from (a
 * shift where the group has no committed offset, another group that has none there) stays where it is, with a note.
 * A group whose connected consumers consume in broadcasting mode is refused ({@link BroadcastingGroupCheck}).
 */
public class RewindPlanner {

    private final ClusterAdmin admin;

    /** Plans through the given admin connection. */
    public RewindPlanner(ClusterAdmin admin) {
        this.admin = admin;
    }

    /** The plan for {@code group} on {@code topic} to start at the first message stored at or after the time. */
    public RewindPlan plan(String group, String topic, long timestampMillis) {
        return plan(group, topic, new AtTime(timestampMillis, Long.toString(timestampMillis)), Set.of());
    }

    /**
     * The plan for {@code group} on {@code topic} to the requested position, on the queues of {@code onlyQueues}
     * (every queue of the topic when empty); fails naming a queue that is not one of the topic's.
     */
    public RewindPlan plan(String group, String topic, PositionRequest position, Set<QueueRef> onlyQueues) {
        return plan(group, topic, position, onlyQueues, () -> GroupConsumers.of(admin, group));
    }

    /**
     * As {@link #plan(String, String, PositionRequest, Set)}, judging the group's consumers from {@code consumers},
     * which is asked once the names are checked and the topic's route is read (so that a wrong name or an unknown
     * topic is refused first); a caller that goes on to check the plan hands the same look to the other checks.
     */
    public RewindPlan plan(String group, String topic, PositionRequest position, Set<QueueRef> onlyQueues,
            Supplier<GroupConsumers> consumers) {
        RocketMqNames.requireGroup(group);
        String other = null;
        if (position instanceof ToGroupOf copy) {
            other = RocketMqNames.requireGroup(copy.group());
            if (other.equals(group)) {
                throw new InvalidRewindInputException("Group '" + group + "' cannot take its own offsets; name "
                        + "another consumer group of topic '" + topic + "'");
            }
        }
        if (position instanceof ToOffsets && !onlyQueues.isEmpty()) {
            throw new InvalidRewindInputException("A list of offsets per queue already names the queues that move; "
                    + "it cannot be limited to queues as well: leave the queue selection out");
        }
        List<QueueAddress> route = admin.queues(topic);
        BroadcastingGroupCheck.requireBrokerKeptOffsets(consumers.get());
        Set<QueueRef> selected = position instanceof ToOffsets list ? list.offsets().keySet() : onlyQueues;
        requireInRoute(topic, route, selected);
        List<String> untouched = new ArrayList<>();
        List<QueueAddress> moving = new ArrayList<>();
        for (QueueAddress queue : route) {
            QueueRef ref = QueueRef.of(queue.queue());
            if (selected.isEmpty() || selected.contains(ref)) {
                moving.add(queue);
            } else {
                untouched.add(ref.toString());
            }
        }
        List<String> notes = new ArrayList<>();
        List<QueueRewind> queues = planQueues(moving, group, position, untouched, notes);
        Long oldestRetained = null;
        boolean truncated = false;
        for (QueueRewind planned : queues) {
            if (position instanceof AtTime time && lostHistory(planned, time.timestamp())) {
                truncated = true;
                oldestRetained = oldestRetained == null ? planned.targetStoreTimestamp()
                        : Math.min(oldestRetained, planned.targetStoreTimestamp());
            }
        }
        requireSomethingToMove(group, topic, position, queues, !selected.isEmpty());
        long replay = queues.stream().mapToLong(QueueRewind::messagesToReplay).sum();
        long skip = queues.stream().mapToLong(QueueRewind::messagesToSkip).sum();
        boolean nothing = queues.stream().allMatch(q -> q.targetOffset() == q.maxOffset());
        long timestamp = position instanceof AtTime time ? time.timestamp() : RewindPlan.NOT_BY_TIME;
        return new RewindPlan(group, topic, timestamp, List.copyOf(queues), replay, skip, truncated, oldestRetained,
                nothing, position.describe(), other, selected.stream().sorted().map(QueueRef::toString).toList(),
                List.copyOf(untouched), List.copyOf(notes));
    }

    /**
     * The plan of each queue that moves, in route order, asking the cluster for every queue at once: offset bounds,
     * committed offsets (and the other group's), the offsets by time, then the store times of the targets. A queue
     * that stays is added to {@code untouched}, with a note why.
     */
    private List<QueueRewind> planQueues(List<QueueAddress> moving, String group, PositionRequest position,
            List<String> untouched, List<String> notes) {
        Map<MessageQueue, OffsetRange> ranges = admin.offsetRanges(moving);
        Map<MessageQueue, Long> committed = admin.committedOffsets(group, moving);
        Map<MessageQueue, Long> others = position instanceof ToGroupOf copy
                ? admin.committedOffsets(copy.group(), moving) : Map.of();
        Map<MessageQueue, Long> searched = position instanceof AtTime time
                ? admin.searchOffsets(moving.stream().filter(q -> hasMessages(ranges.get(q.queue()))).toList(),
                        time.timestamp())
                : Map.of();
        List<Target> targets = new ArrayList<>();
        for (QueueAddress queue : moving) {
            MessageQueue mq = queue.queue();
            OffsetRange range = ranges.get(mq);
            Long offset = committed.get(mq);
            Target target = position instanceof AtTime
                    ? new Target(queue, range, offset, hasMessages(range)
                            ? clamp(searched.get(mq), range.min(), range.max()) : range.max(), null, null)
                    : planByOffset(queue, range, group, offset, others.get(mq), position, notes);
            if (target == null) {
                untouched.add(QueueRef.of(mq).toString());
            } else {
                targets.add(target);
            }
        }
        Map<QueueAddress, Long> readable = new LinkedHashMap<>();
        targets.stream().filter(t -> t.offset() < t.range().max()).forEach(t -> readable.put(t.queue(), t.offset()));
        Map<MessageQueue, Long> storeTimes = admin.storeTimestampsAt(readable);
        return targets.stream().map(t -> rewind(t, storeTimes.get(t.queue().queue()))).toList();
    }

    private static boolean hasMessages(OffsetRange range) {
        return range.min() < range.max();
    }

    /** Where one queue moves to, before the store time of its target is read. */
    private record Target(QueueAddress queue, OffsetRange range, @Nullable Long committed, long offset,
            @Nullable Long requested, @Nullable Long otherOffset) {
    }

    /** The queue's target by an offset, a shift or another group's offset; null when it stays (with a note why). */
    private static @Nullable Target planByOffset(QueueAddress queue, OffsetRange range, String group,
            @Nullable Long committed, @Nullable Long otherCommitted, PositionRequest position, List<String> notes) {
        MessageQueue mq = queue.queue();
        String name = QueueRef.of(mq).toString();
        long min = range.min();
        long max = range.max();
        Long otherOffset = null;
        long requested;
        String origin;
        if (position instanceof ToOffset offset) {
            requested = offset.offset();
            origin = "offset " + requested;
        } else if (position instanceof ToOffsets list) {
            requested = list.offsets().get(QueueRef.of(mq));
            origin = "offset " + requested;
        } else if (position instanceof ShiftBy shift) {
            if (committed == null) {
                notes.add(name + ": group " + group + " has no committed offset here, so there is nothing to shift "
                        + "from; not moved");
                return null;
            }
            requested = saturatedAdd(committed, shift.messages());
            origin = "committed offset " + committed + " shifted by " + shift.messages() + " = " + requested;
        } else if (position instanceof ToGroupOf copy) {
            otherOffset = otherCommitted;
            if (otherOffset == null) {
                notes.add(name + ": group " + copy.group() + " has no committed offset here; not moved");
                return null;
            }
            requested = otherOffset;
            origin = "group " + copy.group() + "'s offset " + requested;
        } else {
            throw new IllegalArgumentException("Not a position by offset: " + position);
        }
        long target = clamp(requested, min, max);
        if (requested < min) {
            notes.add(name + ": " + origin + " is below the min offset " + min + " (the oldest retained message); "
                    + "clamped to " + min);
        } else if (requested > max) {
            notes.add(name + ": " + origin + " is above the max offset " + max + " (the next offset to be written); "
                    + "clamped to " + max);
        }
        return new Target(queue, range, committed, target, requested, otherOffset);
    }

    private static QueueRewind rewind(Target planned, @Nullable Long targetStoreTime) {
        MessageQueue mq = planned.queue().queue();
        long min = planned.range().min();
        long max = planned.range().max();
        Long committed = planned.committed();
        long target = planned.offset();
        Long requested = planned.requested();
        long replay;
        long skip = 0;
        if (committed == null) {
            replay = max - target;
        } else {
            // Offsets below min are gone and cannot be replayed or skipped; above max nothing exists yet.
            long from = clamp(committed, min, max);
            replay = Math.max(0, from - target);
            skip = Math.max(0, target - from);
        }
        return new QueueRewind(mq.getBrokerName(), planned.queue().brokerAddress(), mq.getQueueId(), min, max,
                committed, target, targetStoreTime, replay, skip, requested, requested != null && requested != target,
                planned.otherOffset());
    }

    /** Fails naming every selected queue that is not in the topic's route, with the queues that are. */
    private static void requireInRoute(String topic, List<QueueAddress> route, Set<QueueRef> selected) {
        Map<String, Set<Integer>> idsByBroker = new TreeMap<>();
        route.forEach(q -> idsByBroker.computeIfAbsent(q.queue().getBrokerName(), b -> new TreeSet<>())
                .add(q.queue().getQueueId()));
        List<String> problems = new ArrayList<>();
        for (QueueRef ref : new TreeSet<>(selected)) {
            Set<Integer> ids = idsByBroker.get(ref.broker());
            if (ids == null) {
                problems.add("broker '" + ref.broker() + "' of " + ref + " holds no queue of topic '" + topic
                        + "' in its route (brokers: " + String.join(", ", idsByBroker.keySet()) + ")");
            } else if (!ids.contains(ref.queueId())) {
                problems.add("queue id " + ref.queueId() + " of " + ref + " is not a queue of topic '" + topic
                        + "' on " + ref.broker() + " (queue ids: " + ids.stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRewindInputException("Unknown queue: " + String.join("; ", problems) + ". Nothing "
                    + "was changed; accepted: " + QueueRef.FORM + " naming a queue of the topic");
        }
    }

    /** A shift or a copy that moves no queue at all is a mistake worth an error, not a plan that does nothing. */
    private static void requireSomethingToMove(String group, String topic, PositionRequest position,
            List<QueueRewind> queues, boolean limited) {
        if (!queues.isEmpty()) {
            return;
        }
        String which = limited ? "any selected queue" : "any queue";
        if (position instanceof ShiftBy) {
            throw new InvalidRewindInputException("Group '" + group + "' has no committed offset on " + which
                    + " of topic '" + topic + "', so there is nothing to shift from; give offsets or a time instead");
        }
        if (position instanceof ToGroupOf copy) {
            throw new InvalidRewindInputException("Group '" + copy.group() + "' has no committed offset on " + which
                    + " of topic '" + topic + "' (the group does not exist, or never consumed the topic): nothing to "
                    + "copy");
        }
    }

    /** Whether messages were deleted from the queue and its oldest retained one is newer than the requested time. */
    private static boolean lostHistory(QueueRewind queue, long timestamp) {
        return queue.minOffset() > 0 && queue.targetOffset() == queue.minOffset()
                && queue.targetStoreTimestamp() != null && queue.targetStoreTimestamp() > timestamp;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
