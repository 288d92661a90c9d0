package dev.backtrack.core.inplace;

import dev.backtrack.core.replay.Pacer;
import dev.backtrack.core.replay.SendRate;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.hook.ConsumeMessageContext;
import org.apache.rocketmq.client.hook.ConsumeMessageHook;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces a push consumer through the messages a rewind made it consume again: in the consume thread, before the
 * listener, each message of a rewound queue below that queue's catch-up point (its committed offset before the
 * rewind) waits for a slot of one {@link Pacer} shared by the consumer's threads; messages at or after the catch-up
 * point are new and go at full speed. A queue stops being paced once its catch-up point is reached, or when the
 * consumer no longer pulls it with the buffer it was rewound into (a rebalance, another rewind); the pacing ends when
 * no queue is left, or when {@link #stop()} is called. Slots missed by up to half a second (the process starved of
 * CPU, a garbage collection) are taken at once, so that the average stays at the rate. While it paces, the consumer's
 * threads wait for their turns, so its other topics wait with them. The hook is added to a running consumer without
 * changing the hook list its consume threads walk ({@link ConsumeHookInstaller}).
 */
public final class CatchUpPacing implements ConsumeMessageHook {

    private static final Logger log = LoggerFactory.getLogger(CatchUpPacing.class);
    /** How far the consume threads may fall behind their slots and take them at once (a stall of the process). */
    private static final Duration CATCH_UP = Duration.ofMillis(500);
    private static final Map<DefaultMQPushConsumerImpl, CatchUpPacing> BY_CONSUMER =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final DefaultMQPushConsumerImpl consumer;
    private volatile @Nullable Round round;
    private boolean registered;

    private CatchUpPacing(DefaultMQPushConsumerImpl consumer) {
        this.consumer = consumer;
    }

    /** The pacing of {@code consumer}'s replayed messages (one per consumer; it paces nothing until started). */
    public static CatchUpPacing of(DefaultMQPushConsumer consumer) {
        return BY_CONSUMER.computeIfAbsent(consumer.getDefaultMQPushConsumerImpl(), CatchUpPacing::new);
    }

    /**
     * The catch-up points of the queues of {@code queues} the consumer holds: its committed offsets now, before a
     * rewind moves them; a queue it does not hold, or whose offset it does not know, is left out (it is not paced).
     */
    public Map<MessageQueue, Long> catchUpPoints(Collection<MessageQueue> queues) {
        ConcurrentMap<MessageQueue, ProcessQueue> table = consumer.getRebalanceImpl().getProcessQueueTable();
        Map<MessageQueue, Long> points = new LinkedHashMap<>();
        for (MessageQueue queue : queues) {
            ProcessQueue buffer = table.get(queue);
            long offset = consumer.getOffsetStore().readOffset(queue, ReadOffsetType.READ_FROM_MEMORY);
            if (buffer != null && !buffer.isDropped() && offset >= 0) {
                points.put(queue, offset);
            }
        }
        return points;
    }

    /**
     * Paces the queues about to be rewound at {@code rate} in total until each reaches its catch-up point, from now
     * on (before the rewind has them pulled again, so that none of the replayed messages escapes); a queue whose
     * target is at or after its catch-up point (nothing is replayed there) is not paced. Replaces the pacing of an
     * earlier rewind. Until {@link #bind} is called, messages below the catch-up points are paced and nothing ends.
     *
     * @param rate the rate of this consumer (its share of the group's)
     * @param catchUpPoints per queue, its committed offset before the rewind
     * @param targets per queue, where the rewind moves it
     */
    public synchronized void start(SendRate rate, Map<MessageQueue, Long> catchUpPoints,
            Map<MessageQueue, Long> targets) {
        Map<MessageQueue, PacedQueue> paced = new ConcurrentHashMap<>();
        catchUpPoints.forEach((queue, point) -> {
            Long target = targets.get(queue);
            if (target != null && target < point) {
                paced.put(queue, new PacedQueue(null, point));
            }
        });
        if (!rate.limited() || paced.isEmpty()) {
            round = null;
            return;
        }
        if (!registered) {
            try {
                ConsumeHookInstaller.add(consumer, this);
            } catch (IllegalStateException e) {
                round = null;
                log.warn("Backtrack: the replayed messages of {} queue(s) are consumed at full speed, not at {}: {}",
                        paced.size(), rate.describe(), e.getMessage());
                return;
            }
            registered = true;
        }
        round = new Round(new Pacer(rate, CATCH_UP), paced);
        log.info("Backtrack: consuming the replayed messages of {} queue(s) at {} here", paced.size(),
                rate.describe());
    }

    /**
     * Binds the pacing started by {@link #start} to the queues the rewind moved, each to the buffer it is pulled into
     * now; the others are not paced. From then on a queue stops being paced at its catch-up point or when it leaves
     * that buffer.
     */
    public synchronized void bind(Collection<MessageQueue> moved) {
        Round current = round;
        if (current == null) {
            return;
        }
        ConcurrentMap<MessageQueue, ProcessQueue> table = consumer.getRebalanceImpl().getProcessQueueTable();
        current.queues.forEach((mq, paced) -> {
            ProcessQueue buffer = table.get(mq);
            if (!moved.contains(mq) || buffer == null || buffer.isDropped()) {
                current.queues.remove(mq, paced);
            } else {
                current.queues.replace(mq, paced, new PacedQueue(buffer, paced.catchUpPoint()));
            }
        });
        if (current.queues.isEmpty() && round == current) {
            round = null;
        }
    }

    /** Ends the pacing at once: every message goes at full speed. */
    public void stop() {
        round = null;
    }

    /** Whether some queue is still paced. */
    public boolean active() {
        return round != null;
    }

    @Override
    public String hookName() {
        return "backtrack-catch-up-pacing";
    }

    @Override
    public void consumeMessageBefore(ConsumeMessageContext context) {
        Round current = round;
        if (current == null || context.getMq() == null || context.getMsgList() == null) {
            return;
        }
        ConcurrentMap<MessageQueue, ProcessQueue> table = consumer.getRebalanceImpl().getProcessQueueTable();
        current.queues.forEach((mq, paced) -> {
            if (paced.buffer() != null && (table.get(mq) != paced.buffer() || paced.buffer().isDropped())) {
                if (current.queues.remove(mq, paced)) {
                    log.info("Backtrack: {} is no longer pulled into the buffer it was rewound into: not paced",
                            mq);
                }
            }
        });
        PacedQueue queue = current.queues.get(context.getMq());
        if (queue != null) {
            for (MessageExt message : context.getMsgList()) {
                if (message.getQueueOffset() < queue.catchUpPoint()) {
                    current.pacer.awaitTurn();
                }
                if (queue.buffer() != null && message.getQueueOffset() >= queue.catchUpPoint() - 1
                        && current.queues.remove(context.getMq(), queue)) {
                    log.info("Backtrack: {} reached its catch-up point {} (offset {}): no longer paced",
                            context.getMq(), queue.catchUpPoint(), message.getQueueOffset());
                }
            }
        }
        if (current.queues.isEmpty() && round == current) {
            round = null;
            log.info("Backtrack: every paced queue caught up (or left this consumer): consuming at full speed");
        }
    }

    @Override
    public void consumeMessageAfter(ConsumeMessageContext context) {
        // nothing to do after the listener
    }

    /**
     * A rewound queue, paced while the consumer pulls it into {@code buffer} (null until bound: while the rewind is
     * applied), up to {@code catchUpPoint}.
     */
    private record PacedQueue(@Nullable ProcessQueue buffer, long catchUpPoint) {
    }

    /** One rewind's pacing: its pacer and the queues still paced. */
    private record Round(Pacer pacer, Map<MessageQueue, PacedQueue> queues) {
    }
}
