package dev.backtrack.core.operation;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalIds;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoRefusedException;
import dev.backtrack.core.undo.UndoResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The undo of a batch rewind, in one place for every front end: every REWIND entry recorded under the batch id is
 * undone through {@link UndoOperation}, each reported on its own; the UNDO entries share a new batch id.
 */
public final class BatchUndoOperation {

    private final ClusterSession session;
    private final UndoOperation undos;

    /** Works through {@code session}, telling {@code observer} about every applied or failed undo. */
    public BatchUndoOperation(ClusterSession session, OperationObserver observer) {
        this.session = session;
        this.undos = new UndoOperation(session, observer);
    }

    /**
     * The plan undoing the batch {@code batch}; empty when no REWIND entry carries that batch id (the id may then be
     * an entry's: {@link UndoOperation#plan}). Entries undone already or with nothing to put back are left out with
     * why; fails with an {@link UndoRefusedException} naming them when no entry is left. Nothing moves.
     */
    public Optional<BatchUndoPlan> plan(String batch) {
        JournalHistory history = JournalHistory.of(session.journalEntries());
        List<JournalEntry> entries = history.oldestFirst().stream()
                .filter(e -> e.kind() == JournalKind.REWIND && batch.equals(e.batch()) && e.id() != null).toList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<UndoPlan> plans = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (JournalEntry entry : entries) {
            String named = entry.id() + " (group '" + entry.group() + "' on topic '" + entry.topic() + "')";
            try {
                plans.add(undos.plan(entry.id()));
            } catch (UndoRefusedException e) {
                leftOut.add(named + ": " + e.getMessage());
            }
        }
        if (plans.isEmpty()) {
            throw new UndoRefusedException("Batch " + batch + " cannot be undone: " + String.join("; ", leftOut));
        }
        return Optional.of(new BatchUndoPlan(batch, plans, leftOut));
    }

    /**
     * Applies {@code plan} as {@code actor}, entry by entry, stopping at the first failure: fails with a
     * {@link BatchMoveFailedException} saying per entry what moved back, what failed and what was not attempted.
     */
    public List<BatchStep<UndoResult>> apply(BatchUndoPlan plan, String actor) {
        String undoBatch = JournalIds.newId();
        List<BatchStep<UndoResult>> steps = BatchStep.run(plan.undos(), u -> u.plan().group(),
                u -> u.plan().topic(), u -> undos.apply(u, actor, undoBatch));
        if (steps.stream().anyMatch(s -> s.status() != BatchStep.Status.MOVED)) {
            throw new BatchMoveFailedException("The undo of batch " + plan.batch(), undoBatch, steps);
        }
        return steps;
    }
}
