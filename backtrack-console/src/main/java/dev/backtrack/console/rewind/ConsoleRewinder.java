package dev.backtrack.console.rewind;

import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.operation.RewindRequest;
import dev.backtrack.core.operation.UndoOperation;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The console's side of core's rewind and undo: a rewind or undo needs the group's name typed as confirmation; the
 * operations themselves (plan, broker coverage, every instance in place where possible, journal with the user's name,
 * metrics) are core's {@link RewindOperation} and {@link UndoOperation} on the console's kept cluster session.
 */
public class ConsoleRewinder {

    /** How the console's user accepts a partial rewind. */
    public static final String ALLOW_PARTIAL = "the 'Rewind what can be reached' box (\"allowPartial\": true)";

    private final ConsoleCluster cluster;
    private final Supplier<RewindObserver> observer;

    /** Works on the console's cluster, telling {@code observer} (the application's metrics) about each move. */
    public ConsoleRewinder(ConsoleCluster cluster, Supplier<RewindObserver> observer) {
        this.cluster = cluster;
        this.observer = observer;
    }

    /** The plan of {@code group} on {@code topic} to the position, with what a rewind would miss. */
    public CheckedPlan plan(String group, String topic, PositionRequest position, Set<QueueRef> queues) {
        return rewinds().plan(group, topic, position, queues);
    }

    /**
     * Rewinds {@code group} when {@code confirm} is its name, recording {@code actor} as who did it; the instances
     * with the starter rewound in place consume the replayed messages at most at {@code rate}.
     */
    public ConsoleRewind rewind(String group, String topic, PositionRequest position, Set<QueueRef> queues,
            boolean allowPartial, SendRate rate, String confirm, String actor) {
        requireConfirmed(group, confirm);
        RewindOutcome outcome = rewinds().run(new RewindRequest(group, topic, position, queues, false, allowPartial,
                actor, ALLOW_PARTIAL, rate));
        return new ConsoleRewind(Objects.requireNonNull(outcome.applied()), outcome.recorded() ? outcome.entry() : null,
                outcome.warnings());
    }

    /**
     * Undoes the journal's REWIND entry {@code id} when {@code confirm} is its group's name: its queues go back to the
     * offsets the rewind found, through the same paths, recorded as an UNDO by {@code actor}.
     */
    public ConsoleRewind undo(String id, String confirm, String actor) {
        JournalEntry undone = JournalHistory.of(cluster.journalEntries()).byId(id)
                .orElseThrow(() -> new UnknownJournalEntryException(id));
        requireConfirmed(undone.group(), confirm);
        UndoOperation undos = new UndoOperation(cluster, observer.get());
        UndoPlan plan = undos.plan(id);
        UndoResult result = undos.apply(plan, actor);
        List<String> warnings = new ArrayList<>(plan.notes());
        warnings.addAll(result.warnings());
        return new ConsoleRewind(result.outcome(), result.warnings().isEmpty() ? result.entry() : null,
                List.copyOf(warnings));
    }

    private RewindOperation rewinds() {
        return new RewindOperation(cluster, observer.get());
    }

    /** Fails unless the operator typed the group's name. */
    public static void requireConfirmed(String group, String confirm) {
        if (!group.equals(confirm)) {
            throw new InvalidRewindInputException("Confirmation " + BadValues.quote(confirm)
                    + " does not match the group; accepted: the group's name, '" + group + "', typed exactly");
        }
    }
}
