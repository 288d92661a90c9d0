package dev.backtrack.core.operation;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.journal.JournalIds;
import dev.backtrack.core.operation.BatchRewindRequest.AllGroupsOf;
import dev.backtrack.core.operation.BatchRewindRequest.AllTopicsOf;
import dev.backtrack.core.rewind.BroadcastingGroupCheck;
import dev.backtrack.core.rewind.ProxiedGroupCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch rewind, in one place for every front end: every group of a topic, or a group on every topic it consumes,
 * to one position, each (group, topic) pair through {@link RewindOperation} and recorded under one batch id.
 *
 * <p>All or nothing before anything moves: each pair is planned and checked as the single rewind would check it
 * (names, route, broadcasting, brokers missing, consumers served by a proxy), and a refusal of any pair refuses the
 * whole batch, naming every refused pair and why ({@link BatchRefusedException}), unless the request skips refused
 * pairs. Applying looks at every group's consumers once more before the first pair moves. A failure once pairs have
 * moved stops the batch and is reported per pair ({@link BatchMoveFailedException}), never as a success.
 */
public final class BatchRewindOperation {

    private static final Logger log = LoggerFactory.getLogger(BatchRewindOperation.class);

    private final ClusterSession session;
    private final RewindTargets targets;
    private final RewindOperation rewinds;

    /** Works through {@code session}, finding the pairs with {@code targets}, telling {@code observer} of each move. */
    public BatchRewindOperation(ClusterSession session, RewindTargets targets, OperationObserver observer) {
        this.session = session;
        this.targets = targets;
        this.rewinds = new RewindOperation(session, observer);
    }

    /**
     * The plan of every pair of the request's scope, with the pairs that would be refused; nothing moves. Fails with
     * a {@link BatchRefusedException} when a pair would be refused and the request does not skip refused pairs, and
     * with an {@link InvalidRewindInputException} when the scope holds no pair (or none that can move).
     */
    public BatchPlan plan(BatchRewindRequest request) {
        List<CheckedPlan> planned = new ArrayList<>();
        List<RefusedPair> refused = new ArrayList<>();
        Map<String, GroupConsumers> looked = new HashMap<>();
        for (Pair pair : pairs(request.scope())) {
            String group = pair.group();
            String topic = pair.topic();
            refusalOf(group, topic, () -> {
                CheckedPlan checked = rewinds.plan(group, topic, request.position(), Set.of());
                ProxiedGroupCheck.requireNoProxiedConsumers(looked.computeIfAbsent(group,
                        g -> GroupConsumers.of(session.admin(), g)));
                if (!checked.coverage().complete() && !request.allowPartial()) {
                    throw new PartialRewindException(checked, request.allowPartialHint());
                }
                planned.add(checked);
            }, refused::add);
        }
        BatchPlan plan = new BatchPlan(request, planned, refused);
        requireMovable(plan);
        return plan;
    }

    /**
     * Applies a plan made by {@link #plan} (a front end may show it and ask for confirmation in between): looks at
     * every group's consumers again and refuses the whole batch when one is refused now (unless refused pairs are
     * skipped), then moves each pair, recorded under one new batch id.
     */
    public BatchRewindOutcome apply(BatchPlan plan) {
        BatchRewindRequest request = plan.request();
        Map<String, GroupConsumers> looked = new HashMap<>();
        List<RefusedPair> refusedNow = new ArrayList<>();
        for (CheckedPlan pair : plan.planned()) {
            String group = pair.plan().group();
            refusalOf(group, pair.plan().topic(), () -> {
                GroupConsumers consumers = looked.computeIfAbsent(group, g -> GroupConsumers.of(session.admin(), g));
                BroadcastingGroupCheck.requireBrokerKeptOffsets(consumers);
                ProxiedGroupCheck.requireNoProxiedConsumers(consumers);
            }, refusedNow::add);
        }
        BatchPlan checked = plan.refusing(refusedNow);
        requireMovable(checked);
        String batch = JournalIds.newId();
        List<BatchStep<RewindOutcome>> steps = BatchStep.run(checked.planned(), p -> p.plan().group(),
                p -> p.plan().topic(), p -> rewinds.apply(p, request.pair(p.plan().group(), p.plan().topic()),
                        batch));
        log.info("Backtrack: {} rewound {} ({} pair(s)) to {} as batch {}", request.actor(),
                request.scope().describe(), steps.size(), request.position().describe(), batch);
        if (steps.stream().anyMatch(s -> s.status() != BatchStep.Status.MOVED)) {
            throw new BatchMoveFailedException("The rewind of " + request.scope().describe(), batch, steps);
        }
        return new BatchRewindOutcome(batch, checked, steps);
    }

    /** The (group, topic) pairs of the scope, by group then topic; fails when there is none. */
    private List<Pair> pairs(BatchRewindRequest.Scope scope) {
        List<Pair> pairs = new ArrayList<>();
        if (scope instanceof AllGroupsOf all) {
            RocketMqNames.requireTopic(all.topic());
            session.admin().queues(all.topic()); // an unknown topic is refused as such
            targets.groupsOf(all.topic()).forEach(group -> pairs.add(new Pair(group, all.topic())));
            if (pairs.isEmpty()) {
                throw new InvalidRewindInputException("Topic '" + all.topic() + "' has no consumer group: none holds "
                        + "committed offsets on it or consumes it online, so there is nothing to rewind; name the "
                        + "group to rewind it alone");
            }
        } else if (scope instanceof AllTopicsOf all) {
            RocketMqNames.requireGroup(all.group());
            targets.topicsOf(all.group()).forEach(topic -> pairs.add(new Pair(all.group(), topic)));
            if (pairs.isEmpty()) {
                throw new InvalidRewindInputException("Group '" + all.group() + "' has no topic: it holds no "
                        + "committed offsets and no consumer of it is online, so there is nothing to rewind; name "
                        + "the topic to rewind it alone");
            }
        }
        return pairs;
    }

    /** Refuses the batch when a pair is refused and refused pairs are not skipped, or when no pair can move. */
    private static void requireMovable(BatchPlan plan) {
        if (!plan.refused().isEmpty() && (!plan.request().skipRefused() || plan.planned().isEmpty())) {
            throw new BatchRefusedException(plan);
        }
    }

    /** A consumer group and one of its topics. */
    private record Pair(String group, String topic) {
    }

    /**
     * Runs {@code check} for the pair; a refusal it throws (anything in the refusal table but a cluster failure) is
     * handed to {@code refused}, a cluster failure or a defect is thrown.
     */
    private static void refusalOf(String group, String topic, Runnable check, Consumer<RefusedPair> refused) {
        try {
            check.run();
        } catch (RuntimeException e) {
            Refusal refusal = Refusal.of(e).filter(r -> r != Refusal.CLUSTER_FAILURE).orElseThrow(() -> e);
            refused.accept(new RefusedPair(group, topic, refusal, e.getMessage()));
        }
    }
}
