package dev.backtrack.core.operation;

import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.BrokerCoverageCheck;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rewind, in one place for every front end: plan the position, check that the plan reaches every broker that
 * held queues of the topic, refuse a partial rewind unless it is allowed, move every instance of the group (in place
 * over the control topic where instances run the starter, else through the brokers), record the move in the journal
 * with the actor, and tell the observer.
 *
 * <p>The group's consumers are looked at once for a plan ({@link GroupConsumers}: online clients, message model,
 * proxied clients), and that look serves the planner's broadcasting check and the coverage check. Applying looks
 * once more, right before moving anything, and hands that look to the proxy and broadcasting checks and to the
 * applier: a front end may show the plan and wait for a person's confirmation in between, while consumers start or
 * stop. {@link #run} plans and applies at once and keeps the plan's look.
 */
public final class RewindOperation {

    private static final Logger log = LoggerFactory.getLogger(RewindOperation.class);

    private final ClusterSession session;
    private final OperationObserver observer;

    /** Works through {@code session}, telling {@code observer} about every applied or failed move. */
    public RewindOperation(ClusterSession session, OperationObserver observer) {
        this.session = session;
        this.observer = observer;
    }

    /** Plans, and applies unless the request is a dry run. */
    public RewindOutcome run(RewindRequest request) {
        OneLook consumers = new OneLook(session, request.group());
        CheckedPlan checked = plan(request.group(), request.topic(), request.position(), request.queues(), consumers);
        return request.dryRun() ? new RewindOutcome(checked, null, null, false, List.of())
                : apply(checked, request, consumers, null);
    }

    /** The plan of {@code group} on {@code topic} to {@code position}, with the brokers it would miss; nothing moves. */
    public CheckedPlan plan(String group, String topic, PositionRequest position, Set<QueueRef> queues) {
        return plan(group, topic, position, queues, new OneLook(session, group));
    }

    private CheckedPlan plan(String group, String topic, PositionRequest position, Set<QueueRef> queues,
            OneLook consumers) {
        RewindPlan plan = new RewindPlanner(session.admin()).plan(group, topic, position, queues, consumers);
        return new CheckedPlan(plan, new BrokerCoverageCheck(session.admin(), session::recentEntries)
                .check(plan, consumers.get()));
    }

    /**
     * Applies a plan made by {@link #plan} (a front end may show it and ask for confirmation in between): refused
     * with a {@link PartialRewindException} when it misses brokers and the request does not allow that. Looks at the
     * group's consumers again first: time has passed since the plan.
     */
    public RewindOutcome apply(CheckedPlan checked, RewindRequest request) {
        return apply(checked, request, new OneLook(session, checked.plan().group()), null);
    }

    /**
     * As {@link #apply(CheckedPlan, RewindRequest)}, the journal entry recorded as one of the batch {@code batch}
     * (a rewind of several groups or topics, a snapshot's restore, an import: {@code undo} takes a batch as one).
     */
    public RewindOutcome apply(CheckedPlan checked, RewindRequest request, String batch) {
        return apply(checked, request, new OneLook(session, checked.plan().group()), batch);
    }

    private RewindOutcome apply(CheckedPlan checked, RewindRequest request, Supplier<GroupConsumers> consumers,
            @Nullable String batch) {
        if (!checked.coverage().complete() && !request.allowPartial()) {
            throw new PartialRewindException(checked, request.allowPartialHint());
        }
        RewindPlan plan = checked.plan();
        long started = System.nanoTime();
        FleetRewind outcome = rewindEveryInstance(plan, request.actor(), consumers, request.rate());
        AppliedRewind applied = outcome.applied();
        String asked = request.rate().limited() ? plan.asked() + " at " + request.rate().describe() : plan.asked();
        JournalEntry entry = JournalEntry.of(JournalKind.REWIND, plan, asked, applied.appliedAt(),
                request.actor(), applied.path());
        if (batch != null) {
            entry = entry.inBatch(batch);
        }
        boolean recorded = false;
        List<String> warnings = new ArrayList<>();
        RateReach.warning(request.rate(), outcome).ifPresent(warnings::add);
        try {
            entry = session.record(entry);
            recorded = true;
        } catch (RuntimeException e) {
            warnings.add("offsets moved; the record could not be written: " + firstLine(e));
            log.warn("Backtrack: rewind of group {} on topic {} by {}: {}", plan.group(), plan.topic(),
                    request.actor(), warnings.get(warnings.size() - 1));
        }
        observer.rewound(entry, applied.path(),
                Duration.ofNanos(System.nanoTime() - started));
        log.info("Backtrack: {} rewound group {} on topic {} to {} ({}): {} messages to replay", request.actor(),
                plan.group(), plan.topic(), plan.asked(), applied.path(), plan.messagesToReplay());
        return new RewindOutcome(checked, outcome, entry, recorded, warnings);
    }

    /**
     * Moves the plan's queues on every instance of the group: in place over the control topic where the session has
     * one, else through the brokers (RocketMQ's broker-driven reset, or a direct write when no consumer is online).
     * A failure is told to the observer and thrown. Looks at the group's consumers first.
     */
    public FleetRewind rewindEveryInstance(RewindPlan plan, String actor) {
        return rewindEveryInstance(plan, actor, new OneLook(session, plan.group()), SendRate.UNLIMITED);
    }

    private FleetRewind rewindEveryInstance(RewindPlan plan, String actor, Supplier<GroupConsumers> consumers,
            SendRate rate) {
        try {
            Optional<FleetRewinder> fleet = session.fleetRewinder();
            if (fleet.isPresent()) {
                return fleet.get().apply(plan, actor, consumers.get(), rate);
            }
            AppliedRewind applied = new RewindApplier(session.admin()).apply(plan, consumers.get());
            return new FleetRewind(applied, List.of(), List.of(), session.withoutFleet() + ": "
                    + applied.path().note());
        } catch (RuntimeException e) {
            observer.rewindFailed();
            throw e;
        }
    }

    /** The group's consumers, looked at on the first call only (after the plan's names and route are checked). */
    private static final class OneLook implements Supplier<GroupConsumers> {

        private final ClusterSession session;
        private final String group;
        private @Nullable GroupConsumers taken;

        OneLook(ClusterSession session, String group) {
            this.session = session;
            this.group = group;
        }

        @Override
        public GroupConsumers get() {
            if (taken == null) {
                taken = GroupConsumers.of(session.admin(), group);
            }
            return taken;
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
