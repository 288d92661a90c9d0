package dev.backtrack.core.replay;

import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.ConsumerDetails;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Plans a window replay: on every queue of the topic on every broker, the offsets of the first messages stored at or
 * after the window's start and end (the broker's search by store time), and, by reading the messages between them,
 * how many match the group's tags. Changes nothing.
 */
public final class WindowPlanner {

    private final ClusterAdmin admin;
    private final ConsumerDetails consumers;
    private final Supplier<WindowReader> readers;

    /** A planner asking the cluster of {@code admin}, reading messages with a {@link WindowReader} of its own. */
    public WindowPlanner(RocketMqAdmin admin) {
        this(admin, admin, () -> new WindowReader(admin));
    }

    /**
     * A planner finding offsets and who is online through {@code offsets}, the group's subscription through
     * {@code consumers}, and
     * reading the window's messages with a reader from {@code readers} (one per plan, closed after it).
     */
    public WindowPlanner(ClusterAdmin offsets, ConsumerDetails consumers, Supplier<WindowReader> readers) {
        this.admin = offsets;
        this.consumers = consumers;
        this.readers = readers;
    }

    /**
     * The plan for replaying {@code window}; {@code tags} holds the tag expression to use for an offline group (none
     * to rely on the live subscription).
     */
    public WindowPlan plan(ReplayWindow window, GivenTags tags) {
        List<QueueAddress> queues = admin.queues(window.topic());
        ReplayTarget target = new ReplayTargetReader(consumers, admin).read(window.group(), window.topic(), queues,
                tags);
        return plan(window, target, queues, MessageSelection.ALL, message -> { });
    }

    /**
     * The plan for replaying {@code window} of {@code queues} to {@code target}, counting what the target's tags and
     * {@code selection} both take; each message taken also goes to {@code taken}, in queue order.
     */
    public WindowPlan plan(ReplayWindow window, ReplayTarget target, List<QueueAddress> queues,
            MessageSelection selection, Consumer<MessageExt> taken) {
        List<WindowQueue> planned = new ArrayList<>();
        WindowPlan empty = new WindowPlan(window, target, List.of(), selection);
        try (WindowReader reader = readers.get()) {
            for (QueueAddress address : queues) {
                planned.add(planQueue(reader, address, empty, taken));
            }
        }
        return new WindowPlan(window, target, List.copyOf(planned), selection);
    }

    private WindowQueue planQueue(WindowReader reader, QueueAddress address, WindowPlan plan,
            Consumer<MessageExt> taken) {
        ReplayWindow window = plan.window();
        MessageQueue queue = address.queue();
        String broker = address.brokerAddress();
        long min = admin.minOffset(broker, queue);
        long max = admin.maxOffset(broker, queue);
        long begin = min == max ? max : admin.searchOffset(broker, queue, window.from());
        long end = min == max ? max : admin.searchOffset(broker, queue, window.until());
        end = Math.max(begin, end);
        Long earliest = min < max ? admin.storeTimestampAt(broker, queue, min) : null;
        boolean historyGone = min > 0 && begin <= min && earliest != null && earliest > window.from();
        AtomicLong matching = new AtomicLong();
        AtomicLong filteredOut = new AtomicLong();
        reader.read(queue, begin, end, message -> {
            if (!window.contains(message.getStoreTimestamp())) {
                return;
            }
            if (plan.takes(message)) {
                matching.incrementAndGet();
                taken.accept(message);
            } else {
                filteredOut.incrementAndGet();
            }
        });
        return new WindowQueue(queue.getBrokerName(), queue.getQueueId(), broker, begin, end, matching.get(),
                filteredOut.get(), historyGone, earliest);
    }
}
