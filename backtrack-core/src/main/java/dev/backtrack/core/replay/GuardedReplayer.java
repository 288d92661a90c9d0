package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Replays a planned window under a {@link SendPolicy}: its canary first, alone, then, once the group consumed each of
 * those without failing, the rest, stopped by a {@link FailureGuard} when too many of the messages sent in the last
 * minute fail. Every send goes through {@link WindowReplayer}, so every stop is at a known offset per queue.
 */
public final class GuardedReplayer {

    /** How long a canary's consumption is awaited when nothing else is said. */
    public static final Duration CANARY_PATIENCE = Duration.ofMinutes(2);
    private static final int SHOWN = 5;

    private final RocketMqAdmin admin;
    private final WindowReplayer replayer;
    private final Duration canaryPatience;

    /** A replayer on the cluster of {@code admin}. */
    public GuardedReplayer(RocketMqAdmin admin) {
        this(admin, CANARY_PATIENCE);
    }

    /** A replayer awaiting a canary's consumption at most {@code canaryPatience}. */
    public GuardedReplayer(RocketMqAdmin admin, Duration canaryPatience) {
        this.admin = admin;
        this.replayer = new WindowReplayer(admin);
        this.canaryPatience = canaryPatience;
    }

    /**
     * What a guarded run did: what was sent, the canary's verdict when there was a canary, and whether it paused (its
     * canary failed, or too many of its messages did) rather than finished or failed a send.
     */
    public record Result(WindowReplayResult sent, @Nullable CanaryVerdict canary, boolean paused) {
    }

    /** Replays {@code plan} under {@code policy} as run {@code runId}. */
    public Result replay(WindowPlan plan, SendPolicy policy, String runId) {
        requireCanaryPossible(plan, policy);
        Map<String, String> brokers = new LinkedHashMap<>();
        plan.queues().forEach(q -> brokers.put(q.broker(), q.brokerAddress()));
        try (FailureWatch watch = new FailureWatch(admin, plan.window().group(), runId, brokers);
                FailureGuard guard = new FailureGuard(watch, policy)) {
            ReplayRun run = new ReplayRun(runId, policy.rate(), Long.MAX_VALUE, guard, guard);
            if (policy.canary() == 0) {
                WindowReplayResult sent = replayer.replay(plan, run);
                return new Result(sent, null, guard.get() != null && !sent.complete());
            }
            List<SentCopy> canary = new CopyOnWriteArrayList<>();
            WindowReplayResult first = replayer.replay(plan, new ReplayRun(runId, policy.rate(), policy.canary(),
                    copy -> {
                        canary.add(copy);
                        guard.accept(copy);
                    }, guard));
            if (!first.complete()) {
                return new Result(first, null, guard.get() != null);
            }
            CanaryVerdict verdict = await(plan.window().group(), brokers, canary, watch);
            if (!verdict.passed()) {
                return new Result(stopped(first, why(plan.window().group(), verdict)), verdict, true);
            }
            WindowReplayResult rest = replayer.replay(after(plan, first), run);
            return new Result(joined(first, rest), verdict, guard.get() != null && !rest.complete());
        }
    }

    /** Fails when {@code policy} asks for a canary and {@code plan}'s group has no consumer online to consume it. */
    public static void requireCanaryPossible(WindowPlan plan, SendPolicy policy) {
        if (policy.canary() > 0 && !plan.target().online()) {
            throw new InvalidRewindInputException("A canary needs group '" + plan.window().group() + "' online: it "
                    + "waits until the group consumed the first messages, and no consumer of the group is online. "
                    + "Start the group's consumers, or send without --canary. Nothing was sent.");
        }
    }

    /** Waits until every canary copy was consumed, one failed, or the patience ran out. */
    private CanaryVerdict await(String group, Map<String, String> brokers, List<SentCopy> canary, FailureWatch watch) {
        long started = System.nanoTime();
        long deadline = started + canaryPatience.toNanos();
        Set<String> canaryOrigins = canary.stream().map(c -> c.origin() + "@" + c.originOffset())
                .collect(Collectors.toSet());
        while (true) {
            List<SentCopy> pending = new ArrayList<>();
            for (SentCopy copy : canary) {
                Long committed = admin.committedOffset(brokers.get(copy.retryQueue().getBrokerName()), group,
                        copy.retryQueue());
                if (committed == null || committed <= copy.retryOffset()) {
                    pending.add(copy);
                }
            }
            // a push consumer sends a failed message back before it commits past it: read the failures after
            List<FailedCopy> failed = watch.failures().stream()
                    .filter(f -> canaryOrigins.contains(f.origin() + "@" + f.originOffset())).toList();
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (!failed.isEmpty() || pending.isEmpty() || System.nanoTime() > deadline) {
                return new CanaryVerdict(canary.size(), failed, failed.isEmpty() ? pending : List.of(), waited);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException("Interrupted while waiting for the canary to be consumed", e);
            }
        }
    }

    private static String why(String group, CanaryVerdict verdict) {
        if (!verdict.failed().isEmpty()) {
            return "paused after the canary: " + verdict.failed().size() + " of its " + verdict.sent()
                    + " messages failed: " + verdict.failed().stream().limit(SHOWN).map(f -> f.describe(group))
                            .collect(Collectors.joining(", "))
                    + (verdict.failed().size() > SHOWN ? " and " + (verdict.failed().size() - SHOWN) + " more" : "");
        }
        return "paused after the canary: " + verdict.notConsumed().size() + " of its " + verdict.sent()
                + " messages were not consumed by group '" + group + "' within " + (verdict.waitedMillis() / 1000)
                + " s: " + verdict.notConsumed().stream().limit(SHOWN).map(SentCopy::msgId)
                        .collect(Collectors.joining(", "));
    }

    private static WindowReplayResult stopped(WindowReplayResult result, String reason) {
        return new WindowReplayResult(result.plan(), result.retryTopic(), result.queues(), result.retryOffsetsSet(),
                result.appliedAt(), reason);
    }

    /** The plan of what {@code first} left: each queue from where it stopped. */
    static WindowPlan after(WindowPlan plan, WindowReplayResult first) {
        List<WindowQueue> rest = new ArrayList<>();
        for (WindowQueue queue : plan.queues()) {
            QueueReplay done = first.queues().stream()
                    .filter(q -> q.broker().equals(queue.broker()) && q.queueId() == queue.queueId())
                    .findFirst().orElse(null);
            if (done == null) {
                rest.add(queue);
            } else {
                long begin = Math.min(queue.endOffset(), done.endOffset());
                rest.add(new WindowQueue(queue.broker(), queue.queueId(), queue.brokerAddress(), begin,
                        queue.endOffset(), Math.max(0, queue.matching() - done.replayed()), queue.filteredOut(),
                        queue.historyGone(), queue.earliestRetained()));
            }
        }
        return new WindowPlan(plan.window(), plan.target(), rest, plan.selection());
    }

    /** {@code first} followed by {@code rest}, per queue: from the first's begin to the rest's end. */
    static WindowReplayResult joined(WindowReplayResult first, WindowReplayResult rest) {
        Map<String, QueueReplay> queues = new LinkedHashMap<>();
        for (QueueReplay q : first.queues()) {
            queues.put(q.broker() + "/" + q.queueId(), q);
        }
        for (QueueReplay q : rest.queues()) {
            queues.merge(q.broker() + "/" + q.queueId(), q, (a, b) -> new QueueReplay(a.broker(), a.queueId(),
                    a.beginOffset(), b.endOffset(), a.replayed() + b.replayed()));
        }
        List<String> offsetsSet = new ArrayList<>(first.retryOffsetsSet());
        Set<String> known = new HashSet<>(offsetsSet);
        rest.retryOffsetsSet().stream().filter(known::add).forEach(offsetsSet::add);
        return new WindowReplayResult(first.plan(), first.retryTopic(), List.copyOf(queues.values()),
                List.copyOf(offsetsSet), first.appliedAt(), rest.failure());
    }
}
