package dev.backtrack.console.rewind;

import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.operation.BatchPlan;
import dev.backtrack.core.operation.BatchRewindOperation;
import dev.backtrack.core.operation.BatchRewindOutcome;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.BatchUndoOperation;
import dev.backtrack.core.operation.BatchUndoPlan;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.undo.UndoResult;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The console's side of core's batch rewind and its undo: every group of a topic, or a group on every topic, moved
 * together after the operator typed the topic's name (the group's name for every topic of a group); the work is
 * core's {@link BatchRewindOperation} and {@link BatchUndoOperation} on the console's kept cluster session.
 */
public class ConsoleBatches {

    /** How the console's user leaves refused pairs out. */
    public static final String SKIP_REFUSED = "the 'Move the others' box (\"skipRefused\": true)";

    private final ConsoleCluster cluster;
    private final Supplier<RewindObserver> observer;

    /** Works on the console's cluster, telling {@code observer} (the application's metrics) about each move. */
    public ConsoleBatches(ConsoleCluster cluster, Supplier<RewindObserver> observer) {
        this.cluster = cluster;
        this.observer = observer;
    }

    /** The groups of {@code topic} a batch would move, by name. */
    public List<String> groupsOf(String topic) {
        return new RewindTargets(cluster.admin()).groupsOf(topic);
    }

    /** The plan of every pair of the request's scope, refused pairs with why; nothing moves. */
    public BatchPlan plan(BatchRewindRequest request) {
        return operation().plan(request);
    }

    /**
     * Moves every pair of the request's scope when {@code confirm} is the name the scope asks for (the topic's for
     * every group of a topic, the group's for every topic of a group), planned again now.
     */
    public BatchRewindOutcome rewind(BatchRewindRequest request, String confirm) {
        requireConfirmed(request.scope(), confirm);
        BatchRewindOperation batches = operation();
        return batches.apply(batches.plan(request));
    }

    /** The name the operator types to confirm a batch of {@code scope}. */
    public static String confirmationOf(BatchRewindRequest.Scope scope) {
        return scope instanceof BatchRewindRequest.AllGroupsOf all ? all.topic()
                : ((BatchRewindRequest.AllTopicsOf) scope).group();
    }

    /**
     * Undoes the batch {@code batch} when {@code confirm} is the name its entries share: their topic when they are on
     * one topic, else their group; recorded as UNDO entries of a new batch by {@code actor}.
     */
    public List<BatchStep<UndoResult>> undo(String batch, String confirm, String actor) {
        BatchUndoOperation undos = new BatchUndoOperation(cluster, observer.get());
        BatchUndoPlan plan = undos.plan(batch).orElseThrow(() -> new UnknownJournalEntryException(batch,
                "No batch rewind has the id " + BadValues.quote(batch) + "; accepted: the batch id a batch rewind "
                        + "answered (see the history); undo a single rewind with POST /api/undo/ID"));
        List<String> topics = plan.undos().stream().map(u -> u.plan().topic()).distinct().toList();
        List<String> groups = plan.undos().stream().map(u -> u.plan().group()).distinct().toList();
        requireTyped(topics.size() == 1 ? topics.get(0) : groups.get(0), topics.size() == 1 ? "topic" : "group",
                confirm);
        return undos.apply(plan, actor);
    }

    private static void requireConfirmed(BatchRewindRequest.Scope scope, String confirm) {
        requireTyped(confirmationOf(scope), scope instanceof BatchRewindRequest.AllGroupsOf ? "topic" : "group",
                confirm);
    }

    /** Fails unless the operator typed {@code expected}, the name of the batch's {@code kind} (topic or group). */
    private static void requireTyped(String expected, String kind, String confirm) {
        if (!expected.equals(confirm)) {
            throw new InvalidRewindInputException("Confirmation " + BadValues.quote(confirm) + " does not match the "
                    + "batch; accepted: the " + kind + "'s name, '" + expected + "', typed exactly");
        }
    }

    private BatchRewindOperation operation() {
        return new BatchRewindOperation(cluster, new RewindTargets(cluster.admin()), observer.get());
    }
}
