package dev.backtrack.core.control;

import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.OffsetVerifier;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RocketMqAdmin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Applies a rewind to a group wherever its consumers run: instances with the starter reposition their queues in place
 * and acknowledge over the control topic; if any connected consumer does not answer, RocketMQ's broker-driven reset
 * is used instead (slow), and the result says so.
 */
public class FleetRewinder {

    /** Note for the fallback path. */
    public static final String BROKER_RESET_NOTE = "some consumers of the group did not acknowledge (they do not run "
            + "the Backtrack starter): RocketMQ's broker-driven reset was used; consumers resume from the new offsets "
            + "after 10-30 s";
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final RocketMqAdmin admin;
    private final ControlChannel channel;
    private final Duration ackTimeout;
    private final Clock clock;

    /** Rewinds through {@code admin}, ordering instances over {@code channel}, waiting {@code ackTimeout} for answers. */
    public FleetRewinder(RocketMqAdmin admin, ControlChannel channel, Duration ackTimeout) {
        this.admin = admin;
        this.channel = channel;
        this.ackTimeout = ackTimeout;
        this.clock = Clock.systemUTC();
    }

    /** Applies the plan to every instance of the group; {@code issuedBy} is recorded in the order. */
    public FleetRewind apply(RewindPlan plan, String issuedBy) {
        Set<String> clients = admin.onlineClients(plan.group());
        if (clients.isEmpty()) {
            AppliedRewind applied = new RewindApplier(admin).apply(plan);
            return new FleetRewind(applied, List.of(), List.of(),
                    "no consumer of the group is online: offsets written; consumers start there");
        }
        String requestId = UUID.randomUUID().toString();
        Map<String, RewindAck> acks = new ConcurrentHashMap<>();
        Consumer<RewindAck> collector = ack -> {
            if (requestId.equals(ack.requestId())) {
                acks.put(ack.clientId(), ack);
            }
        };
        channel.onAck(collector);
        try {
            channel.send(new RewindOrder(requestId, plan.group(), plan.topic(), targets(plan), issuedBy, clock.millis()));
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            while (!acks.keySet().containsAll(clients) && System.nanoTime() < deadline) {
                pause();
            }
        } finally {
            channel.removeAckHandler(collector);
        }
        List<String> silent = clients.stream().filter(c -> !acks.containsKey(c)).sorted().toList();
        List<RewindAck> answered = new ArrayList<>(acks.values());
        boolean failed = answered.stream().anyMatch(a -> a.error() != null);
        if (!silent.isEmpty() || failed) {
            AppliedRewind applied = new RewindApplier(admin).apply(plan);
            return new FleetRewind(applied, answered, silent, BROKER_RESET_NOTE);
        }
        writeUnheldQueues(plan, answered);
        Map<String, Long> verified = OffsetVerifier.verify(admin, plan, SETTLE);
        AppliedRewind applied = new AppliedRewind(plan, RewindPath.IN_PROCESS, verified, clock.millis());
        return new FleetRewind(applied, answered, List.of(), "every instance of the group repositioned its queues in "
                + "place (" + answered.size() + " acknowledged)");
    }

    /** Queues no instance held at that moment still need their target on the broker. */
    private void writeUnheldQueues(RewindPlan plan, List<RewindAck> answered) {
        Set<String> moved = new HashSet<>();
        answered.forEach(a -> moved.addAll(a.queuesMoved()));
        for (QueueRewind queue : plan.queues()) {
            if (!moved.contains(queue.broker() + "/" + queue.queueId())) {
                admin.writeOffset(queue.brokerAddress(), plan.group(),
                        new MessageQueue(plan.topic(), queue.broker(), queue.queueId()), queue.targetOffset());
            }
        }
    }

    private static List<QueueTarget> targets(RewindPlan plan) {
        return plan.queues().stream().map(q -> new QueueTarget(q.broker(), q.queueId(), q.targetOffset())).toList();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for acknowledgements", e);
        }
    }
}
