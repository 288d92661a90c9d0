package dev.backtrack.console.rewind;

import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.BrokerCoverageCheck;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.undo.RewindUndoer;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies rewinds by time, and undoes them, for the console: a plan preview names brokers that are missing;
 * a rewind or undo needs the group's name typed as confirmation, reaches every instance (in place where they run the
 * starter) and is journaled with the user's name; a rewind is refused when brokers that held queues of the topic are
 * missing.
 */
public class ConsoleRewinder {

    private static final Logger log = LoggerFactory.getLogger(ConsoleRewinder.class);

    private final ConsoleCluster cluster;
    private final Supplier<RewindObserver> observer;

    /** Works on the console's cluster, telling {@code observer} (the application's metrics) about each move. */
    public ConsoleRewinder(ConsoleCluster cluster, Supplier<RewindObserver> observer) {
        this.cluster = cluster;
        this.observer = observer;
    }

    /** The plan of {@code group} on {@code topic} to the position, with what a rewind would miss. */
    public CheckedPlan plan(String group, String topic, PositionRequest position) {
        RocketMqAdmin admin = cluster.admin();
        RewindPlan plan = new RewindPlanner(admin).plan(group, topic, position, Set.of());
        BrokerCoverage coverage = new BrokerCoverageCheck(admin, cluster::journalEntries).check(plan);
        return new CheckedPlan(plan, coverage);
    }

    /** Rewinds {@code group} when {@code confirm} is its name, recording {@code actor} as who did it. */
    public ConsoleRewind rewind(String group, String topic, PositionRequest position, String confirm, String actor) {
        requireConfirmed(group, confirm);
        long started = System.nanoTime();
        CheckedPlan checked = plan(group, topic, position);
        RewindPlan plan = checked.plan();
        if (!checked.coverage().complete()) {
            throw new RefusedException(checked.coverage().describe(plan, "the CLI's --allow-partial")
                    + " Nothing was changed.");
        }
        FleetRewind outcome = apply(plan, actor);
        JournalEntry entry = JournalEntry.of(JournalKind.REWIND, plan, plan.asked(), outcome.applied().appliedAt(),
                actor, outcome.applied().path());
        List<String> warnings = new ArrayList<>();
        try {
            entry = cluster.record(entry);
        } catch (RuntimeException e) {
            warnings.add("offsets moved; the record could not be written: " + e.getMessage());
            entry = null;
        }
        log.info("Backtrack console: {} rewound group {} on topic {} to {} ({}): {} messages to replay", actor,
                group, topic, plan.asked(), outcome.applied().path(), plan.messagesToReplay());
        ConsoleRewind done = new ConsoleRewind(outcome, entry, List.copyOf(warnings));
        observed(done, started);
        return done;
    }

    /**
     * Undoes the journal's REWIND entry {@code id} when {@code confirm} is its group's name: its queues go back to the
     * offsets the rewind found, through the same paths, recorded as an UNDO by {@code actor}.
     */
    public ConsoleRewind undo(String id, String confirm, String actor) {
        JournalHistory history = JournalHistory.of(cluster.journalEntries());
        JournalEntry undone = history.byId(id).orElseThrow(() -> new UnknownJournalEntryException(id));
        requireConfirmed(undone.group(), confirm);
        long started = System.nanoTime();
        RewindUndoer undoer = new RewindUndoer(cluster.admin());
        UndoPlan plan = undoer.plan(id, history);
        UndoResult result = undoer.undo(plan, p -> apply(p, actor), cluster.writableJournal(), actor);
        List<String> warnings = new ArrayList<>(plan.notes());
        warnings.addAll(result.warnings());
        ConsoleRewind done = new ConsoleRewind(result.outcome(), result.warnings().isEmpty() ? result.entry() : null,
                List.copyOf(warnings));
        observed(done, started);
        return done;
    }

    /** Moves the plan's queues on every instance: in place over the control topic where possible. */
    private FleetRewind apply(RewindPlan plan, String actor) {
        try {
            Optional<FleetRewinder> fleet = cluster.fleetRewinder();
            return fleet.isPresent() ? fleet.get().apply(plan, actor)
                    : new FleetRewind(new RewindApplier(cluster.admin()).apply(plan), List.of(), List.of(),
                            "no control topic: RocketMQ's broker-driven reset or a direct write was used");
        } catch (RuntimeException e) {
            observer.get().rewindFailed();
            throw e;
        }
    }

    /** Tells the observer that the move recorded as {@code entry} took since {@code started} (nanoTime). */
    private void observed(ConsoleRewind done, long started) {
        JournalEntry entry = done.entry();
        if (entry != null) {
            observer.get().rewound(entry, done.outcome().applied().path(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Fails unless the operator typed the group's name. */
    public static void requireConfirmed(String group, String confirm) {
        if (!group.equals(confirm)) {
            throw new InvalidRewindInputException("Confirmation " + BadValues.quote(confirm)
                    + " does not match the group; accepted: the group's name, '" + group + "', typed exactly");
        }
    }
}
