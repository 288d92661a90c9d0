package dev.backtrack.core.rewind;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewinds a push consumer running in this JVM without RocketMQ's 10 s client-side pause: for each queue it holds, it
 * drops the buffered messages, writes the target offset to the broker, and has the consumer pull from there at once.
 * Messages already being processed finish, but their offsets are never committed over the new position.
 */
public class InProcessRewinder {

    private static final Logger log = LoggerFactory.getLogger(InProcessRewinder.class);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final RocketMqAdmin admin;
    private final Clock clock;

    /** Rewinds through the given admin connection (for the queues this process does not hold). */
    public InProcessRewinder(RocketMqAdmin admin) {
        this(admin, Clock.systemUTC());
    }

    /** Rewinds through the given admin connection, stamping results with {@code clock}. */
    public InProcessRewinder(RocketMqAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Whether this consumer can be rewound in place (a started, concurrently consuming push consumer). */
    public static boolean supports(DefaultMQPushConsumer consumer) {
        DefaultMQPushConsumerImpl impl = consumer.getDefaultMQPushConsumerImpl();
        return impl.getmQClientFactory() != null && !impl.isConsumeOrderly()
                && impl.getOffsetStore() instanceof RemoteBrokerOffsetStore;
    }

    /** Applies the plan: queues the consumer holds are repositioned in place; the others are written on the broker. */
    public AppliedRewind apply(RewindPlan plan, DefaultMQPushConsumer consumer) {
        if (!supports(consumer)) {
            throw new RewindException("The consumer of group '" + plan.group() + "' cannot be rewound in place "
                    + "(not started, orderly, or not using broker-stored offsets)");
        }
        List<MessageQueue> moved = new ArrayList<>();
        List<MessageQueue> others = new ArrayList<>();
        Map<MessageQueue, Long> targets = new LinkedHashMap<>();
        for (QueueRewind queue : plan.queues()) {
            targets.put(new MessageQueue(plan.topic(), queue.broker(), queue.queueId()), queue.targetOffset());
        }
        drop(consumer, targets, moved);
        for (QueueRewind queue : plan.queues()) {
            MessageQueue mq = new MessageQueue(plan.topic(), queue.broker(), queue.queueId());
            if (!moved.contains(mq)) {
                admin.writeOffset(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
                others.add(mq);
            }
        }
        // Read back before resuming: until the queues are taken again nothing here can commit over the targets.
        Map<String, Long> verified = OffsetVerifier.verify(admin, plan, SETTLE);
        resume(consumer);
        log.info("Rewound group {} on topic {} in place: {} queues held here, {} written on the brokers", plan.group(),
                plan.topic(), moved.size(), others.size());
        return new AppliedRewind(plan, RewindPath.IN_PROCESS, verified, clock.millis());
    }

    /**
     * Repositions the queues of {@code targets} that this consumer holds: drops their buffers, stores the targets on
     * the brokers through the consumer's own offset store, and resumes pulling from them. Returns the queues moved.
     */
    public static List<MessageQueue> repositionHeld(DefaultMQPushConsumer consumer, Map<MessageQueue, Long> targets) {
        List<MessageQueue> moved = new ArrayList<>();
        drop(consumer, targets, moved);
        resume(consumer);
        return moved;
    }

    private static void drop(DefaultMQPushConsumer consumer, Map<MessageQueue, Long> targets, List<MessageQueue> moved) {
        DefaultMQPushConsumerImpl impl = consumer.getDefaultMQPushConsumerImpl();
        ConcurrentMap<MessageQueue, ProcessQueue> held = impl.getRebalanceImpl().getProcessQueueTable();
        RemoteBrokerOffsetStore offsets = (RemoteBrokerOffsetStore) impl.getOffsetStore();
        for (Map.Entry<MessageQueue, Long> target : targets.entrySet()) {
            MessageQueue mq = target.getKey();
            ProcessQueue buffered = held.get(mq);
            if (buffered == null) {
                continue;
            }
            // Stop pulling and committing on this queue: in-flight work finishes, its offsets are ignored.
            buffered.setDropped(true);
            offsets.updateOffset(mq, target.getValue(), false);
            try {
                offsets.updateConsumeOffsetToBroker(mq, target.getValue(), false);
            } catch (Exception e) {
                throw new RewindException("Cannot store offset " + target.getValue() + " for "
                        + RocketMqAdmin.describe(mq) + ": " + e.getMessage(), e);
            }
            held.remove(mq, buffered);
            moved.add(mq);
        }
    }

    private static void resume(DefaultMQPushConsumer consumer) {
        consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().rebalanceImmediately();
    }

}
