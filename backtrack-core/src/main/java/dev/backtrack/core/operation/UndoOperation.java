package dev.backtrack.core.operation;

import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.undo.RewindUndoer;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The undo of a recorded rewind, in one place for every front end: its queues go back to the committed offsets the
 * rewind found, moved like a rewind (in place where instances run the starter), recorded as an UNDO by the actor.
 */
public final class UndoOperation {

    private final ClusterSession session;
    private final OperationObserver observer;

    /** Works through {@code session}, telling {@code observer} about every applied or failed undo. */
    public UndoOperation(ClusterSession session, OperationObserver observer) {
        this.session = session;
        this.observer = observer;
    }

    /** The plan undoing the journal's entry {@code id}; fails when it is unknown or cannot be undone. Nothing moves. */
    public UndoPlan plan(String id) {
        return new RewindUndoer(session.admin()).plan(id, JournalHistory.of(session.journalEntries()));
    }

    /** Applies {@code undo} as {@code actor}; a record that could not be written is a warning of the result. */
    public UndoResult apply(UndoPlan undo, String actor) {
        return apply(undo, actor, null);
    }

    /**
     * As {@link #apply(UndoPlan, String)}, the UNDO entry recorded as one of the batch {@code batch} (the undo of a
     * batch rewind) when it is not null.
     */
    public UndoResult apply(UndoPlan undo, String actor, @Nullable String batch) {
        long started = System.nanoTime();
        RewindOperation mover = new RewindOperation(session, observer);
        UndoResult result = new RewindUndoer(session.admin()).undo(undo,
                plan -> mover.rewindEveryInstance(plan, actor),
                entry -> session.record(batch == null ? entry : entry.inBatch(batch)), actor);
        observer.rewound(result.entry(), result.outcome().applied().path(),
                Duration.ofNanos(System.nanoTime() - started));
        return result;
    }
}
