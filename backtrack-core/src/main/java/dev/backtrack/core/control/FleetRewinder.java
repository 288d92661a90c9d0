package dev.backtrack.core.control;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.ProxiedGroupCheck;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Applies a rewind to a group wherever its consumers run: instances with the starter reposition their queues in place
 * and acknowledge over the control topic; if any connected consumer does not answer, RocketMQ's broker-driven reset
 * is used instead (slow), and the result says so.
 *
 * <p>It decides from one look at the group's consumers ({@link GroupConsumers}), taken by the caller right before or
 * by {@link #apply(RewindPlan, String)} itself. Falling back to the broker-driven reset after the instances were
 * ordered, it looks again: seconds have passed, and the applier must judge the consumers online at that moment.
 */
public class FleetRewinder {

    /** How the note of the fallback path ends. */
    public static final String BROKER_RESET_NOTE = "RocketMQ's broker-driven reset was used; consumers resume from "
            + "the new offsets after 10-30 s";

    private final ClusterAdmin admin;
    private final ControlChannel channel;
    private final Duration ackTimeout;
    private final Clock clock;

    /** Rewinds through {@code admin}, ordering instances over {@code channel}, waiting {@code ackTimeout} for answers. */
    public FleetRewinder(ClusterAdmin admin, ControlChannel channel, Duration ackTimeout) {
        this.admin = admin;
        this.channel = channel;
        this.ackTimeout = ackTimeout;
        this.clock = Clock.systemUTC();
    }

    /**
     * Applies the plan to every instance of the group, looking at its consumers first; {@code issuedBy} is recorded
     * in the order.
     */
    public FleetRewind apply(RewindPlan plan, String issuedBy) {
        return apply(plan, issuedBy, GroupConsumers.of(admin, plan.group()));
    }

    /**
     * Applies the plan to every instance of the group among {@code consumers}, a look taken right before;
     * {@code issuedBy} is recorded in the order.
     */
    public FleetRewind apply(RewindPlan plan, String issuedBy, GroupConsumers consumers) {
        return apply(plan, issuedBy, consumers, SendRate.UNLIMITED);
    }

    /**
     * Applies the plan to every instance of the group among {@code consumers}, a look taken right before;
     * {@code issuedBy} is recorded in the order. Instances that rewind in place consume the replayed messages at
     * {@code rate} in total, each its share by the queues it holds; elsewhere the rate cannot apply.
     */
    public FleetRewind apply(RewindPlan plan, String issuedBy, GroupConsumers consumers, SendRate rate) {
        Set<String> clients = consumers.clients();
        if (clients.isEmpty()) {
            AppliedRewind applied = new RewindApplier(admin).apply(plan, consumers);
            return new FleetRewind(applied, List.of(), List.of(),
                    "no consumer of the group is online: offsets written; consumers start there");
        }
        ProxiedGroupCheck.requireNoProxiedConsumers(consumers); // gRPC clients cannot be moved exactly
        String requestId = UUID.randomUUID().toString();
        Map<String, RewindAck> acks = new ConcurrentHashMap<>();
        CompletableFuture<Void> everyClient = new CompletableFuture<>();
        Consumer<RewindAck> collector = ack -> {
            if (requestId.equals(ack.requestId())) {
                acks.put(ack.clientId() != null ? ack.clientId() : "instance " + ack.instance(), ack);
                if (acks.keySet().containsAll(clients)) {
                    everyClient.complete(null);
                }
            }
        };
        channel.onAck(collector);
        try {
            try {
                channel.send(new RewindOrder(requestId, plan.group(), plan.topic(), targets(plan), issuedBy,
                        clock.millis(), rate.limited() ? rate.perSecond() : null));
            } catch (RewindException e) {
                AppliedRewind applied = new RewindApplier(admin).apply(plan); // looks at the consumers again
                return new FleetRewind(applied, List.of(), List.copyOf(clients).stream().sorted().toList(),
                        "the rewind order could not be sent to the instances (" + e.getMessage() + "): "
                                + BROKER_RESET_NOTE);
            }
            awaitAcknowledgements(everyClient);
        } finally {
            channel.removeAckHandler(collector);
        }
        List<String> silent = clients.stream().filter(c -> !acks.containsKey(c)).sorted().toList();
        List<RewindAck> answered = new ArrayList<>(acks.values());
        List<RewindAck> failed = answered.stream().filter(a -> a.error() != null).toList();
        if (!silent.isEmpty() || !failed.isEmpty()) {
            AppliedRewind applied = new RewindApplier(admin).apply(plan); // looks at the consumers again
            return new FleetRewind(applied, answered, silent, brokerResetNote(silent, failed));
        }
        Set<String> held = new HashSet<>();
        answered.forEach(a -> held.addAll(a.queuesMoved()));
        List<QueueRewind> unheld = plan.queues().stream()
                .filter(q -> !held.contains(q.broker() + "/" + q.queueId())).toList();
        Map<String, Long> verified = new RewindApplier(admin).moveUnheld(plan, unheld);
        AppliedRewind applied = new AppliedRewind(plan, RewindPath.IN_PROCESS, verified, clock.millis());
        return new FleetRewind(applied, answered, List.of(), "every instance of the group repositioned its queues in "
                + "place (" + answered.size() + " acknowledged)");
    }

    /** Why the broker-driven reset was used: each instance that failed and why, and the clients that did not answer. */
    private String brokerResetNote(List<String> silent, List<RewindAck> failed) {
        List<String> reasons = new ArrayList<>();
        failed.stream()
                .sorted(Comparator.comparing(RewindAck::instance, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(a -> reasons.add("instance " + a.instance() + " (client " + a.clientId()
                        + ") could not rewind in place: " + a.error()));
        if (!silent.isEmpty()) {
            reasons.add("consumer(s) " + String.join(", ", silent) + " did not acknowledge within the acknowledgement "
                    + "timeout (they do not run the Backtrack starter, or the order did not reach them on the control "
                    + "topic " + channel.topic() + ")");
        }
        return String.join("; ", reasons) + ": " + BROKER_RESET_NOTE;
    }

    private static List<QueueTarget> targets(RewindPlan plan) {
        return plan.queues().stream().map(q -> new QueueTarget(q.broker(), q.queueId(), q.targetOffset())).toList();
    }

    /** Returns as soon as every client has acknowledged, or when the acknowledgement timeout has passed. */
    private void awaitAcknowledgements(CompletableFuture<Void> everyClient) {
        try {
            everyClient.get(ackTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the silent clients are named in the answer
        } catch (ExecutionException e) {
            throw new IllegalStateException("Collecting acknowledgements failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for acknowledgements", e);
        }
    }
}
