package dev.backtrack.core.rewind;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a rewind plan on the brokers and proves it by reading every queue's offset back.
 *
 * <p>A group with no connected consumer (new or stopped) gets its offsets written directly. A group with connected
 * consumers is reset through the brokers, which hand each consumer its new offset at its next pull and ignore its
 * commits until then; that needs brokers that reset on the server side (RocketMQ 5.x default), and this refuses to
 * touch anything otherwise, because RocketMQ's older per-queue reset rewinds every queue of the topic to its start.
 * A group whose connected consumers consume in broadcasting mode is refused ({@link BroadcastingGroupCheck}), and so
 * is a group with consumers online through a RocketMQ proxy ({@link ProxiedGroupCheck}). A group whose consumers
 * consume in pop mode is reset through the brokers like any online group; each queue is read back right after its
 * reset, before the consumer's next pop can take it and move on.
 */
public class RewindApplier {

    private static final Logger log = LoggerFactory.getLogger(RewindApplier.class);
    private static final Duration OFFLINE_SETTLE = Duration.ofSeconds(2);
    // A consumer that pulls just after the reset can commit its old offset once before it moves: read again a while.
    private static final Duration ONLINE_SETTLE = Duration.ofSeconds(15);
    /** How long a queue no instance held, moved beside an in-place rewind, may take to read back at its target. */
    private static final Duration UNHELD_SETTLE = Duration.ofSeconds(5);

    private final ClusterAdmin admin;
    private final Clock clock;

    /** Applies through the given admin connection. */
    public RewindApplier(ClusterAdmin admin) {
        this(admin, Clock.systemUTC());
    }

    /** Applies through the given admin connection, stamping results with {@code clock}. */
    public RewindApplier(ClusterAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /**
     * Moves every queue of the plan to its target; fails naming each queue that did not take it. Looks at the group's
     * consumers first, at this moment: they may have started (or stopped) since the plan was made.
     */
    public AppliedRewind apply(RewindPlan plan) {
        return apply(plan, GroupConsumers.of(admin, plan.group()));
    }

    /**
     * Moves every queue of the plan to its target, judging the group by {@code consumers}, which the caller has taken
     * right before (not at planning time when a person confirmed the plan in between: consumers may have started,
     * in broadcasting mode or through a proxy, or stopped); fails naming each queue that did not take it.
     */
    public AppliedRewind apply(RewindPlan plan, GroupConsumers consumers) {
        BroadcastingGroupCheck.requireBrokerKeptOffsets(consumers);
        ProxiedGroupCheck.requireNoProxiedConsumers(consumers);
        boolean online = consumers.online();
        Map<String, Long> verified = online ? resetOnline(plan, consumers) : writeOffline(plan);
        RewindPath path = online ? RewindPath.BROKER_RESET : RewindPath.OFFLINE_WRITE;
        log.info("Rewound group {} on topic {} to {} ({} queues, {} messages to replay): {}", plan.group(),
                plan.topic(), plan.asked(), plan.queues().size(), plan.messagesToReplay(), path.note());
        return new AppliedRewind(plan, path, verified, clock.millis());
    }

    private Map<String, Long> writeOffline(RewindPlan plan) {
        plan.queues().stream().map(QueueRewind::brokerAddress).distinct()
                .forEach(address -> admin.ensureGroup(address, plan.group()));
        admin.writeOffsets(plan.group(), targets(plan, plan.queues()));
        // A broker ignores direct writes while a broker-driven reset of the queue waits for a consumer to pull it, and
        // a consumer that has just connected commits its own offsets: both yield to a broker reset.
        PendingResets.redoIgnoredWrites(admin, plan, plan.queues());
        return OffsetVerifier.verify(admin, plan, OFFLINE_SETTLE);
    }

    private Map<String, Long> resetOnline(RewindPlan plan, GroupConsumers consumers) {
        List<String> refusing = brokersWithoutServerSideReset(plan.queues());
        if (!refusing.isEmpty()) {
            throw new RewindException("Cannot rewind group '" + plan.group() + "' while its consumers are connected: "
                    + "broker(s) " + String.join(", ", refusing) + " do not reset offsets on the server side ("
                    + RocketMqAdmin.SERVER_SIDE_RESET + " is off), and RocketMQ's client-side reset would move every "
                    + "queue of topic '" + plan.topic() + "' there to its earliest offset. Nothing was changed. Stop "
                    + "the group's consumers and apply again, or set " + RocketMqAdmin.SERVER_SIDE_RESET
                    + "=true on those brokers");
        }
        if (resetThroughBrokers(plan, plan.queues()) || consumers.pops()) {
            // A pop consumer takes a reset at its next pop and commits its progress from there at once: after that,
            // the broker's acceptance of the reset (it hands it to the next pop, dropping the checkpoints buffered
            // before) is all there is to read.
            return OffsetVerifier.targets(plan);
        }
        return OffsetVerifier.verify(admin, plan, ONLINE_SETTLE);
    }

    /**
     * Moves the queues of an in-place rewind that no instance held at that moment, and returns every queue's verified
     * offset (those the instances held at their targets: each instance read back its own). An unheld queue may be in
     * the middle of being assigned to an instance, which may already have read the old offset: where the broker resets
     * on the server side, it is moved through the broker, which hands the target to whoever pulls it next and ignores
     * commits until then; elsewhere the target is written (redone through the broker if a pending reset ignored it).
     */
    public Map<String, Long> moveUnheld(RewindPlan plan, List<QueueRewind> unheld) {
        Map<String, Boolean> serverSide = new HashMap<>();
        for (QueueRewind queue : unheld) {
            MessageQueue mq = messageQueue(plan, queue);
            if (serverSide.computeIfAbsent(queue.brokerAddress(), admin::resetsOnServerSide)) {
                admin.resetThroughBroker(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
            } else {
                admin.writeOffset(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
            }
        }
        Map<String, Long> verified = new LinkedHashMap<>();
        plan.queues().forEach(q -> verified.put(q.broker() + "/" + q.queueId(), q.targetOffset()));
        // Read back once; only where a write did not hold (redone through the broker) is it read again until it does.
        if (!unheld.isEmpty() && !PendingResets.redoIgnoredWrites(admin, plan, unheld).isEmpty()) {
            RewindPlan rest = new RewindPlan(plan.group(), plan.topic(), plan.requestedTimestamp(), unheld, 0, 0,
                    false, null, false);
            verified.putAll(OffsetVerifier.verify(admin, rest, UNHELD_SETTLE));
        }
        return verified;
    }

    /** The brokers of these queues, as "name (address)", that do not reset offsets on the server side. */
    private List<String> brokersWithoutServerSideReset(List<QueueRewind> queues) {
        Map<String, String> brokers = new TreeMap<>();
        queues.forEach(q -> brokers.putIfAbsent(q.brokerAddress(), q.broker()));
        brokers.keySet().removeIf(admin::resetsOnServerSide);
        return brokers.entrySet().stream().map(b -> b.getValue() + " (" + b.getKey() + ")").toList();
    }

    /**
     * Resets each queue and reads it back at once, while the broker still holds the reset: a consumer in pop mode
     * takes it at its next pop and commits its progress from there within milliseconds, after which the target can no
     * longer be read. Returns whether every queue was read back at its target.
     */
    private boolean resetThroughBrokers(RewindPlan plan, List<QueueRewind> queues) {
        boolean allRead = true;
        for (QueueRewind queue : queues) {
            MessageQueue mq = messageQueue(plan, queue);
            admin.resetThroughBroker(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
            Long offset = admin.committedOffset(queue.brokerAddress(), plan.group(), mq);
            allRead &= offset != null && offset == queue.targetOffset();
        }
        return allRead;
    }

    /** Each queue's target, by queue and its broker's address, in the queues' order. */
    static Map<QueueAddress, Long> targets(RewindPlan plan, List<QueueRewind> queues) {
        Map<QueueAddress, Long> targets = new LinkedHashMap<>();
        queues.forEach(q -> targets.put(new QueueAddress(messageQueue(plan, q), q.brokerAddress()), q.targetOffset()));
        return targets;
    }

    private static MessageQueue messageQueue(RewindPlan plan, QueueRewind queue) {
        return new MessageQueue(plan.topic(), queue.broker(), queue.queueId());
    }
}
