package dev.backtrack.core.inplace;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.OffsetVerifier;
import dev.backtrack.core.rewind.PendingResets;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.ServiceState;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewinds a push consumer running in this JVM without RocketMQ's 10 s client-side pause: for each queue it holds, it
 * drops the buffered messages, writes the target offset to the broker, and has the consumer pull from there at once
 * (without the 500 ms RocketMQ's rebalance waits before it pulls a queue it takes).
 * Messages already being processed finish, but their offsets are never committed over the new position. An orderly
 * consumer's queue is repositioned once the batch it is processing there has finished, and is consumed in order from
 * the target.
 */
public class InProcessRewinder {

    private static final Logger log = LoggerFactory.getLogger(InProcessRewinder.class);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final ClusterAdmin admin;
    private final String nameServer;
    private final Clock clock;

    /** Rewinds through the given admin connection (for the queues this process does not hold). */
    public InProcessRewinder(RocketMqAdmin admin) {
        this(admin, Clock.systemUTC());
    }

    /** Rewinds through the given admin connection, stamping results with {@code clock}. */
    public InProcessRewinder(RocketMqAdmin admin, Clock clock) {
        this(admin, admin.settings().nameServer(), clock);
    }

    /**
     * Rewinds through {@code admin}, a cluster whose name server is at {@code nameServer} (named in errors), stamping
     * results with {@code clock}.
     */
    public InProcessRewinder(ClusterAdmin admin, String nameServer, Clock clock) {
        this.admin = admin;
        this.nameServer = nameServer;
        this.clock = clock;
    }

    /**
     * Whether this consumer can be rewound in place (a started push consumer that pulls its queues, concurrently or
     * orderly; not broadcasting or in pop mode).
     */
    public static boolean supports(DefaultMQPushConsumer consumer) {
        return unsupportedReason(consumer).isEmpty();
    }

    /** Why this consumer cannot be rewound in place, or empty when it can. */
    public static Optional<String> unsupportedReason(DefaultMQPushConsumer consumer) {
        DefaultMQPushConsumerImpl impl = consumer.getDefaultMQPushConsumerImpl();
        if (impl.getmQClientFactory() == null || impl.getServiceState() != ServiceState.RUNNING) {
            return Optional.of("it is not running (" + impl.getServiceState() + ")");
        }
        if (!impl.getRebalanceImpl().getPopProcessQueueTable().isEmpty()) {
            return Optional.of("it consumes in pop mode (the broker pops for it and keeps its pop offsets and "
                    + "checkpoints: there is no pull position to move here)");
        }
        if (!(impl.getOffsetStore() instanceof RemoteBrokerOffsetStore)) {
            return Optional.of("it keeps its offsets locally (broadcasting)");
        }
        return Optional.empty();
    }

    /**
     * Applies the plan: queues the consumer holds are repositioned in place; the others are written on the broker.
     * The consumer takes its queues again whatever happens, also when this fails.
     */
    public AppliedRewind apply(RewindPlan plan, DefaultMQPushConsumer consumer) {
        unsupportedReason(consumer).ifPresent(reason -> {
            throw new RewindException("The consumer of group '" + plan.group() + "' cannot be rewound in place: "
                    + reason);
        });
        Map<MessageQueue, Long> targets = new LinkedHashMap<>();
        for (QueueRewind queue : plan.queues()) {
            targets.put(messageQueue(plan.topic(), queue), queue.targetOffset());
        }
        List<HeldQueue> taken = new ArrayList<>();
        Map<String, Long> verified = null;
        try {
            takeOut(consumer, targets, taken);
            List<MessageQueue> moved = taken.stream().map(HeldQueue::queue).toList();
            for (QueueRewind queue : plan.queues()) {
                MessageQueue mq = messageQueue(plan.topic(), queue);
                if (!moved.contains(mq)) {
                    admin.writeOffset(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
                }
            }
            // Read back before resuming: until the queues are pulled again nothing here can commit over the targets.
            verified = readBack(plan);
        } finally {
            resume(consumer, taken, targets, verified != null);
        }
        log.info("Rewound group {} on topic {} in place: {} queues held here, {} written on the brokers", plan.group(),
                plan.topic(), taken.size(), plan.queues().size() - taken.size());
        return new AppliedRewind(plan, RewindPath.IN_PROCESS, verified, clock.millis());
    }

    /**
     * Repositions the queues of {@code targets} that this consumer holds: drops their buffers, stores the targets on
     * the brokers through the consumer's own offset store (redone through the broker where a pending broker-driven
     * reset made it ignore the write), reads them back, and pulls them from there at once. Returns the queues moved,
     * each verified at its target before the consumer pulled it again. The consumer takes its queues again whatever
     * happens.
     */
    public List<MessageQueue> repositionHeld(DefaultMQPushConsumer consumer, Map<MessageQueue, Long> targets) {
        List<HeldQueue> taken = new ArrayList<>();
        boolean verified = false;
        try {
            takeOut(consumer, targets, taken);
            if (!taken.isEmpty()) {
                List<MessageQueue> moved = taken.stream().map(HeldQueue::queue).toList();
                readBack(targetsOnly(consumer.getDefaultMQPushConsumerImpl().groupName(), moved, targets));
            }
            verified = true;
        } finally {
            resume(consumer, taken, targets, verified);
        }
        return taken.stream().map(HeldQueue::queue).toList();
    }

    /**
     * The offsets of the plan's queues, just written: read back once; where the broker ignored a write (a pending
     * broker-driven reset), the write is redone through the broker and every queue is read again until it holds.
     */
    private Map<String, Long> readBack(RewindPlan plan) {
        if (PendingResets.redoIgnoredWrites(admin, plan, plan.queues()).isEmpty()) {
            return OffsetVerifier.targets(plan); // each queue was just read back at its target
        }
        return OffsetVerifier.verify(admin, plan, SETTLE);
    }

    /** A plan that holds only the targets of {@code queues} (one topic), for writing and reading them back. */
    private RewindPlan targetsOnly(String group, List<MessageQueue> queues, Map<MessageQueue, Long> targets) {
        String topic = queues.get(0).getTopic();
        Map<MessageQueue, String> addresses = new LinkedHashMap<>();
        admin.queues(topic).forEach(q -> addresses.put(q.queue(), q.brokerAddress()));
        List<QueueRewind> rewinds = new ArrayList<>();
        for (MessageQueue mq : queues) {
            String address = addresses.get(mq);
            if (address == null) {
                throw new RewindException("Queue " + RocketMqAdmin.describe(mq) + " is not in the route of topic '"
                        + topic + "' on name server " + nameServer);
            }
            rewinds.add(new QueueRewind(mq.getBrokerName(), address, mq.getQueueId(), 0, 0, null, targets.get(mq), null,
                    0, 0));
        }
        return new RewindPlan(group, topic, 0, rewinds, 0, 0, false, null, false);
    }

    /** Takes the held queues of {@code targets} out of their pull loops and stores their targets on the brokers. */
    private static void takeOut(DefaultMQPushConsumer consumer, Map<MessageQueue, Long> targets,
            List<HeldQueue> taken) {
        DefaultMQPushConsumerImpl impl = consumer.getDefaultMQPushConsumerImpl();
        ResetKeepingOffsetStore.install(impl);
        RemoteBrokerOffsetStore offsets = (RemoteBrokerOffsetStore) impl.getOffsetStore();
        for (Map.Entry<MessageQueue, Long> target : targets.entrySet()) {
            MessageQueue mq = target.getKey();
            Optional<HeldQueue> held = HeldQueue.takeOut(impl, mq);
            if (held.isEmpty()) {
                continue;
            }
            taken.add(held.get());
            try {
                offsets.updateOffset(mq, target.getValue(), false);
                offsets.updateConsumeOffsetToBroker(mq, target.getValue(), false);
            } catch (Exception e) {
                throw new RewindException("Cannot store offset " + target.getValue() + " for "
                        + RocketMqAdmin.describe(mq) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Has the consumer pull its repositioned queues from their targets at once when they were verified; otherwise
     * (or for a queue the rebalance gave away meanwhile) it takes them again through a rebalance now, from the
     * committed offsets (the periodic rebalance is 20 s away).
     */
    private static void resume(DefaultMQPushConsumer consumer, List<HeldQueue> taken, Map<MessageQueue, Long> targets,
            boolean verified) {
        boolean rebalance = !verified;
        for (HeldQueue queue : taken) {
            if (verified) {
                rebalance |= !queue.pullFrom(targets.get(queue.queue()));
            } else {
                queue.giveBack();
            }
        }
        MQClientInstance factory = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        if (rebalance && factory != null) {
            factory.rebalanceImmediately();
        }
    }

    private static MessageQueue messageQueue(String topic, QueueRewind queue) {
        return new MessageQueue(topic, queue.broker(), queue.queueId());
    }
}
